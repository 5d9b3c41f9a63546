import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everyone who wrote a scope version — whoever started the draft and whoever edited it afterwards — is recorded on the
 * version, so that none of them can approve it (segregation of duties). Existing versions start with their creator.
 */
export class IsmsScopeContributors1764300008200 implements MigrationInterface {
  name = 'IsmsScopeContributors1764300008200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE isms_scope ADD COLUMN contributor_subs text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE isms_scope SET contributor_subs = ARRAY[created_by]`);
    await queryRunner.query(`
      ALTER TABLE isms_scope
        ADD CONSTRAINT isms_scope_creator_contributes CHECK (created_by = ANY(contributor_subs)),
        ADD CONSTRAINT isms_scope_contributor_not_approver CHECK (approved_by_sub IS NULL OR NOT (approved_by_sub = ANY(contributor_subs)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE isms_scope
        DROP CONSTRAINT isms_scope_contributor_not_approver,
        DROP CONSTRAINT isms_scope_creator_contributes,
        DROP COLUMN contributor_subs`);
  }
}
