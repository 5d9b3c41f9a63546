import { MigrationInterface, QueryRunner } from 'typeorm';

/** Methodology versions are submitted, then approved by someone else before they are published. */
export class RiskMethodologyDraft1764300011100 implements MigrationInterface {
  name = 'RiskMethodologyDraft1764300011100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE risk_methodology_draft (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL,
        status             text NOT NULL CHECK (status IN ('SUBMITTED', 'PUBLISHED', 'REJECTED')),
        definition         jsonb NOT NULL,
        notes              text,
        base_version       integer NOT NULL,
        submitted_by       text NOT NULL,
        submitted_by_email text,
        submitted_at       timestamptz NOT NULL DEFAULT now(),
        contributors       text[] NOT NULL DEFAULT '{}',
        contributor_emails text[] NOT NULL DEFAULT '{}',
        decided_by         text,
        decided_at         timestamptz,
        decision_note      text,
        published_version  integer
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX risk_methodology_draft_one_pending ON risk_methodology_draft (organisation_id) WHERE status = 'SUBMITTED'`);
    await queryRunner.query('CREATE INDEX risk_methodology_draft_organisation ON risk_methodology_draft (organisation_id, submitted_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE risk_methodology_draft');
  }
}
