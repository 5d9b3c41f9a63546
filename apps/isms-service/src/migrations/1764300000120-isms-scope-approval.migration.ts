import { MigrationInterface, QueryRunner } from 'typeorm';

/** A scope draft is submitted to top management (and locked) before it can be approved, or returned with a reason. */
export class IsmsScopeApproval1764300000120 implements MigrationInterface {
  name = 'IsmsScopeApproval1764300000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE isms_scope DROP CONSTRAINT isms_scope_status_check`);
    await queryRunner.query(`ALTER TABLE isms_scope DROP CONSTRAINT isms_scope_check`);
    await queryRunner.query(`
      ALTER TABLE isms_scope
        ADD COLUMN submitted_at      timestamptz,
        ADD COLUMN submitted_by_sub  text,
        ADD COLUMN submitted_by_name text,
        ADD COLUMN return_comment    text,
        ADD CONSTRAINT isms_scope_status_check CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'SUPERSEDED')),
        ADD CONSTRAINT isms_scope_approved_check CHECK (status IN ('DRAFT', 'SUBMITTED') OR approved_at IS NOT NULL),
        ADD CONSTRAINT isms_scope_submitted_check CHECK (status <> 'SUBMITTED' OR submitted_at IS NOT NULL)`);
    // One open version (a draft, or a submission waiting for approval) per organisation.
    await queryRunner.query(`DROP INDEX isms_scope_one_draft`);
    await queryRunner.query(`CREATE UNIQUE INDEX isms_scope_one_open ON isms_scope (organisation_id) WHERE status IN ('DRAFT', 'SUBMITTED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE isms_scope SET status = 'DRAFT' WHERE status = 'SUBMITTED'`);
    await queryRunner.query(`DROP INDEX isms_scope_one_open`);
    await queryRunner.query(`CREATE UNIQUE INDEX isms_scope_one_draft ON isms_scope (organisation_id) WHERE status = 'DRAFT'`);
    await queryRunner.query(`
      ALTER TABLE isms_scope
        DROP CONSTRAINT isms_scope_submitted_check,
        DROP CONSTRAINT isms_scope_approved_check,
        DROP CONSTRAINT isms_scope_status_check,
        DROP COLUMN submitted_at, DROP COLUMN submitted_by_sub, DROP COLUMN submitted_by_name, DROP COLUMN return_comment,
        ADD CONSTRAINT isms_scope_status_check CHECK (status IN ('DRAFT', 'APPROVED', 'SUPERSEDED')),
        ADD CONSTRAINT isms_scope_check CHECK (status = 'DRAFT' OR approved_at IS NOT NULL)`);
  }
}
