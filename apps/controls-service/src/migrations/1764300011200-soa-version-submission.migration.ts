import { MigrationInterface, QueryRunner } from 'typeorm';

/** SoA versions are submitted, then approved (and published) by someone else. */
export class SoaVersionSubmission1764300011200 implements MigrationInterface {
  name = 'SoaVersionSubmission1764300011200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE soa_version_submission (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL,
        status             text NOT NULL CHECK (status IN ('SUBMITTED', 'PUBLISHED', 'REJECTED')),
        note               text NOT NULL,
        scope_id           uuid NOT NULL,
        scope_version      integer NOT NULL,
        entries            jsonb NOT NULL,
        submitted_by       text NOT NULL,
        submitted_by_name  text,
        submitted_by_email text,
        submitted_at       timestamptz NOT NULL DEFAULT now(),
        decided_by         text,
        decided_at         timestamptz,
        decision_note      text,
        published_number   integer
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX soa_version_submission_one_pending ON soa_version_submission (organisation_id) WHERE status = 'SUBMITTED'`);
    await queryRunner.query('CREATE INDEX soa_version_submission_organisation ON soa_version_submission (organisation_id, submitted_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE soa_version_submission');
  }
}
