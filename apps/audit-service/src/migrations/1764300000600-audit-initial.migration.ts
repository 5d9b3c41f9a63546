import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditInitial1764300000600 implements MigrationInterface {
  name = 'AuditInitial1764300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE engagement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        type            text NOT NULL CHECK (type IN ('INTERNAL', 'STAGE_1', 'STAGE_2', 'SURVEILLANCE', 'RECERTIFICATION')),
        title           text NOT NULL,
        starts_on       date NOT NULL,
        ends_on         date NOT NULL,
        lead_auditor    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'CLOSED')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await queryRunner.query('CREATE INDEX engagement_org_starts ON engagement (organisation_id, starts_on)');
    await queryRunner.query(`
      CREATE TABLE finding (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        engagement_id   uuid NOT NULL REFERENCES engagement (id),
        control_id      text CHECK (control_id ~ '^A\\.[5-8]\\.[0-9]+$'),
        clause          text,
        severity        text NOT NULL CHECK (severity IN ('MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY', 'OBSERVATION', 'OPPORTUNITY')),
        description     text NOT NULL,
        status          text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        raised_by       text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX finding_org_engagement ON finding (organisation_id, engagement_id, created_at)');
    await queryRunner.query('CREATE INDEX finding_org_control ON finding (organisation_id, control_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE finding');
    await queryRunner.query('DROP TABLE engagement');
  }
}
