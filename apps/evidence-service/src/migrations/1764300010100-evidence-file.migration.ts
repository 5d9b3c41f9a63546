import { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files: one row per upload, pointing at content-addressed bytes in the file store (by SHA-256). */
export class EvidenceFile1764300010100 implements MigrationInterface {
  name = 'EvidenceFile1764300010100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_file (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        unit_id         uuid,
        sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
        media_type      text NOT NULL,
        file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        uploaded_by     text NOT NULL,
        uploaded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX evidence_file_org_uploaded ON evidence_file (organisation_id, uploaded_at)');
    await queryRunner.query('CREATE INDEX evidence_file_sha256 ON evidence_file (sha256)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE evidence_file');
  }
}
