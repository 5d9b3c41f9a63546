import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everyone who wrote a policy version's content — its author, whoever revised the draft, whoever changed the policy's
 * title, audience, controls or approver while the version was open — is recorded on the version, so that none of them
 * can approve it (segregation of duties). Existing versions start with their author.
 */
export class PolicyVersionContributors1764300008100 implements MigrationInterface {
  name = 'PolicyVersionContributors1764300008100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE policy_version ADD COLUMN contributor_ids text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE policy_version SET contributor_ids = ARRAY[author_id]`);
    await queryRunner.query(`
      ALTER TABLE policy_version
        ADD CONSTRAINT policy_version_author_contributes CHECK (author_id = ANY(contributor_ids)),
        ADD CONSTRAINT policy_version_contributor_not_approver CHECK (approved_by_id IS NULL OR NOT (approved_by_id = ANY(contributor_ids)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policy_version
        DROP CONSTRAINT policy_version_contributor_not_approver,
        DROP CONSTRAINT policy_version_author_contributes,
        DROP COLUMN contributor_ids`);
  }
}
