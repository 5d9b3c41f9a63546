import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The internal audit programme (clause 9.2): what each engagement audits (units, clauses, Annex A controls) and who
 * audits it (lead and team, as people, so independence from the audited units can be checked); and the controls the
 * published Statement of Applicability makes applicable, which the programme must cover.
 */
export class AuditProgramme1764300015200 implements MigrationInterface {
  name = 'AuditProgramme1764300015200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE engagement
        ADD COLUMN unit_ids               uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN clauses                text[] NOT NULL DEFAULT '{}',
        ADD COLUMN control_ids            text[] NOT NULL DEFAULT '{}',
        ADD COLUMN lead_auditor_person_id uuid,
        ADD COLUMN team_person_ids        uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      CREATE TABLE soa_applicability_replica (
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL CHECK (control_id ~ '^A\\.[5-8]\\.[0-9]+$'),
        soa_version     integer NOT NULL,
        published_at    timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, control_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE soa_publication_replica (
        organisation_id uuid PRIMARY KEY,
        soa_version     integer NOT NULL,
        published_at    timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE soa_publication_replica');
    await queryRunner.query('DROP TABLE soa_applicability_replica');
    await queryRunner.query('ALTER TABLE engagement DROP COLUMN unit_ids, DROP COLUMN clauses, DROP COLUMN control_ids, DROP COLUMN lead_auditor_person_id, DROP COLUMN team_person_ids');
  }
}
