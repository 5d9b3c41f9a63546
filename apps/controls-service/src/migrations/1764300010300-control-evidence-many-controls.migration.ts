import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence supports many controls: the replica holds one row per (evidence item, control), so one accepted item
 * counts for each control it is mapped to. `control_evidence_seen` keeps the time of the last state applied per item,
 * so an older event delivered late is ignored even when the item names no control at the moment.
 */
export class ControlEvidenceManyControls1764300010300 implements MigrationInterface {
  name = 'ControlEvidenceManyControls1764300010300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE control_evidence DROP CONSTRAINT control_evidence_pkey');
    await queryRunner.query('ALTER TABLE control_evidence ADD PRIMARY KEY (organisation_id, evidence_id, control_id)');
    await queryRunner.query(`
      CREATE TABLE control_evidence_seen (
        organisation_id uuid NOT NULL,
        evidence_id     uuid NOT NULL,
        changed_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, evidence_id)
      )`);
    await queryRunner.query(`
      INSERT INTO control_evidence_seen (organisation_id, evidence_id, changed_at)
      SELECT organisation_id, evidence_id, max(changed_at) FROM control_evidence GROUP BY organisation_id, evidence_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE control_evidence_seen');
    // Keep one row per item (its first control), as before.
    await queryRunner.query(`
      DELETE FROM control_evidence c USING control_evidence d
       WHERE c.organisation_id = d.organisation_id AND c.evidence_id = d.evidence_id AND c.control_id > d.control_id`);
    await queryRunner.query('ALTER TABLE control_evidence DROP CONSTRAINT control_evidence_pkey');
    await queryRunner.query('ALTER TABLE control_evidence ADD PRIMARY KEY (organisation_id, evidence_id)');
  }
}
