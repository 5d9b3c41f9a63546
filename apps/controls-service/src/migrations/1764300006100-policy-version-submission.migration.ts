import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A policy draft is submitted for approval (and locked) before its approver role sees it, or returned to draft with a
 * reason. Whoever submitted a version may not approve it, as its author may not.
 */
export class PolicyVersionSubmission1764300006100 implements MigrationInterface {
  name = 'PolicyVersionSubmission1764300006100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // policy_version_check3 was `(status = 'DRAFT') = (approved_at IS NULL)`: a submitted version is not approved either.
    await queryRunner.query(`ALTER TABLE policy_version DROP CONSTRAINT policy_version_status_check`);
    await queryRunner.query(`ALTER TABLE policy_version DROP CONSTRAINT policy_version_check3`);
    await queryRunner.query(`
      ALTER TABLE policy_version
        ADD COLUMN submitted_at      timestamptz,
        ADD COLUMN submitted_by_id   text,
        ADD COLUMN submitted_by_name text,
        ADD COLUMN return_comment    text,
        ADD COLUMN returned_at       timestamptz,
        ADD COLUMN returned_by_name  text,
        ADD CONSTRAINT policy_version_status_check CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'RETIRED')),
        ADD CONSTRAINT policy_version_approved_check CHECK ((status IN ('DRAFT', 'SUBMITTED')) = (approved_at IS NULL)),
        ADD CONSTRAINT policy_version_submitted_check CHECK (status <> 'SUBMITTED' OR (submitted_at IS NOT NULL AND submitted_by_id IS NOT NULL)),
        ADD CONSTRAINT policy_version_submitter_not_approver CHECK (approved_by_id IS NULL OR submitted_by_id IS NULL OR approved_by_id <> submitted_by_id),
        ADD CONSTRAINT policy_version_return_comment_check CHECK (return_comment IS NULL OR length(btrim(return_comment)) BETWEEN 1 AND 2000)`);
    // One version in the works (draft, submitted or approved) per policy.
    await queryRunner.query(`DROP INDEX policy_version_one_open`);
    await queryRunner.query(`CREATE UNIQUE INDEX policy_version_one_open ON policy_version (policy_id) WHERE status IN ('DRAFT', 'SUBMITTED', 'APPROVED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE policy_version SET status = 'DRAFT' WHERE status = 'SUBMITTED'`);
    await queryRunner.query(`DROP INDEX policy_version_one_open`);
    await queryRunner.query(`CREATE UNIQUE INDEX policy_version_one_open ON policy_version (policy_id) WHERE status IN ('DRAFT', 'APPROVED')`);
    await queryRunner.query(`
      ALTER TABLE policy_version
        DROP CONSTRAINT policy_version_return_comment_check,
        DROP CONSTRAINT policy_version_submitter_not_approver,
        DROP CONSTRAINT policy_version_submitted_check,
        DROP CONSTRAINT policy_version_approved_check,
        DROP CONSTRAINT policy_version_status_check,
        DROP COLUMN submitted_at, DROP COLUMN submitted_by_id, DROP COLUMN submitted_by_name,
        DROP COLUMN return_comment, DROP COLUMN returned_at, DROP COLUMN returned_by_name,
        ADD CONSTRAINT policy_version_status_check CHECK (status IN ('DRAFT', 'APPROVED', 'PUBLISHED', 'RETIRED')),
        ADD CONSTRAINT policy_version_check3 CHECK ((status = 'DRAFT') = (approved_at IS NULL))`);
  }
}
