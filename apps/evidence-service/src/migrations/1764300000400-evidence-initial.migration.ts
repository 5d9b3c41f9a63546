import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceInitial1764300000400 implements MigrationInterface {
  name = 'EvidenceInitial1764300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_item (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        title           text NOT NULL,
        description     text,
        control_id      text CHECK (control_id ~ '^A\\.[5-8]\\.[0-9]+$'),
        clause          text,
        collected_at    timestamptz NOT NULL,
        valid_until     date,
        status          text NOT NULL CHECK (status IN ('COLLECTED', 'APPROVED', 'REJECTED', 'EXPIRED')),
        sha256          text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        collected_by    text NOT NULL,
        reviewed_by     text,
        reviewed_at     timestamptz,
        review_comment  text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (reviewed_by IS NULL OR reviewed_by <> collected_by OR status <> 'APPROVED')
      )`);
    await queryRunner.query('CREATE INDEX evidence_item_org_control ON evidence_item (organisation_id, control_id, collected_at)');
    await queryRunner.query('CREATE INDEX evidence_item_org_valid_until ON evidence_item (organisation_id, valid_until) WHERE valid_until IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE evidence_item');
  }
}
