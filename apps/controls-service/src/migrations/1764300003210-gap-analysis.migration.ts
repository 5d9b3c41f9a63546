import { MigrationInterface, QueryRunner } from 'typeorm';

export class GapAnalysis1764300003210 implements MigrationInterface {
  name = 'GapAnalysis1764300003210';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One assessment per clause requirement ('4.1' … '10.2') or Annex A control ('A.5.1' … 'A.8.34'); an item
    // without a row is "not assessed yet" and counts as 0 in readiness. Scores: 0 not in place … 3 fully in place.
    await queryRunner.query(`
      CREATE TABLE gap_assessment (
        organisation_id      uuid NOT NULL,
        item_id              text NOT NULL,
        item_kind            text NOT NULL CHECK (item_kind IN ('CLAUSE', 'CONTROL')),
        score                smallint NOT NULL CHECK (score BETWEEN 0 AND 3),
        current_state        text NOT NULL,
        gap                  text,
        remediation_action   text,
        remediation_owner_id uuid,
        remediation_due_on   date,
        assessed_by          text NOT NULL,
        assessed_by_name     text NOT NULL,
        assessed_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, item_id),
        CHECK ((item_kind = 'CONTROL') = (item_id ~ '^A\\.[0-9]+\\.[0-9]+$')),
        CHECK (score = 3 OR gap IS NOT NULL),
        CHECK (remediation_action IS NOT NULL OR (remediation_owner_id IS NULL AND remediation_due_on IS NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX gap_assessment_remediation_due ON gap_assessment (organisation_id, remediation_due_on) WHERE remediation_due_on IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE gap_assessment');
  }
}
