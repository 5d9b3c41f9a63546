import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competence (ISO/IEC 27001 clause 7.2): the organisation's catalogue of competences (optionally granted by completing
 * a course), which competences each job role requires (job roles as normalised on the person replica), and the
 * records that show a person has one (training, qualification, experience), with optional evidence and expiry.
 */
export class Competence1764300014100 implements MigrationInterface {
  name = 'Competence1764300014100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE competence (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        description     text CHECK (length(description) <= 5000),
        course_id       uuid REFERENCES course (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX competence_name_unique ON competence (organisation_id, lower(name))');
    await queryRunner.query(`
      CREATE TABLE competence_requirement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        job_role        text NOT NULL CHECK (length(job_role) BETWEEN 1 AND 200),
        competence_id   uuid NOT NULL REFERENCES competence (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, job_role, competence_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE competence_record (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id     uuid NOT NULL,
        person_id           uuid NOT NULL,
        competence_id       uuid NOT NULL REFERENCES competence (id),
        kind                text NOT NULL CHECK (kind IN ('TRAINING', 'QUALIFICATION', 'EXPERIENCE')),
        title               text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        obtained_on         date NOT NULL,
        valid_until         date CHECK (valid_until IS NULL OR valid_until >= obtained_on),
        issuer              text CHECK (length(issuer) <= 200),
        notes               text CHECK (length(notes) <= 5000),
        evidence_item_id    uuid,
        recorded_by_subject text NOT NULL,
        recorded_by_name    text NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // Gaps look for a person's records of a competence.
    await queryRunner.query('CREATE INDEX competence_record_person ON competence_record (organisation_id, person_id, competence_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE competence_record');
    await queryRunner.query('DROP TABLE competence_requirement');
    await queryRunner.query('DROP TABLE competence');
  }
}
