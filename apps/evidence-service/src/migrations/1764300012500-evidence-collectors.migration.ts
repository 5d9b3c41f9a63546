import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automated collectors: each organisation's configurations (collector, unit, schedule, validated settings), the run
 * history, the evidence item each configuration keeps per key, and the training replica the awareness collector reads.
 */
export class EvidenceCollectors1764300012500 implements MigrationInterface {
  name = 'EvidenceCollectors1764300012500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE collector_configuration (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        collector_id    text NOT NULL,
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit_id         uuid NOT NULL,
        enabled         boolean NOT NULL,
        schedule        text NOT NULL,
        config          jsonb NOT NULL,
        next_run_at     timestamptz,
        configured_by   text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, collector_id, name)
      )`);
    await queryRunner.query('CREATE INDEX collector_configuration_due ON collector_configuration (next_run_at) WHERE enabled');
    await queryRunner.query(`
      CREATE TABLE collector_run (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id   uuid NOT NULL,
        configuration_id  uuid NOT NULL REFERENCES collector_configuration (id),
        collector_id      text NOT NULL,
        collector_version text NOT NULL,
        trigger           text NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
        started_by        text NOT NULL,
        started_at        timestamptz NOT NULL,
        finished_at       timestamptz,
        outcome           text NOT NULL CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL')),
        reason            text,
        items_produced    integer NOT NULL DEFAULT 0,
        evidence_ids      uuid[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query('CREATE INDEX collector_run_org_collector ON collector_run (organisation_id, collector_id, started_at DESC)');
    await queryRunner.query('CREATE INDEX collector_run_configuration ON collector_run (configuration_id, started_at DESC)');
    await queryRunner.query(`
      CREATE TABLE collector_evidence (
        configuration_id uuid NOT NULL REFERENCES collector_configuration (id),
        key              text NOT NULL,
        organisation_id  uuid NOT NULL,
        evidence_id      uuid NOT NULL REFERENCES evidence_item (id),
        PRIMARY KEY (configuration_id, key)
      )`);
    await queryRunner.query(`
      CREATE TABLE training_assignment_replica (
        organisation_id uuid NOT NULL,
        assignment_id   uuid NOT NULL,
        course_id       uuid NOT NULL,
        person_id       uuid NOT NULL,
        status          text NOT NULL,
        due_on          date NOT NULL,
        completed_at    timestamptz,
        changed_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, assignment_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE policy_acknowledgement_replica (
        organisation_id    uuid NOT NULL,
        acknowledgement_id uuid NOT NULL,
        policy_id          uuid NOT NULL,
        version_id         uuid NOT NULL,
        version            text NOT NULL,
        person_id          uuid NOT NULL,
        acknowledged_at    timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, acknowledgement_id)
      )`);
    await queryRunner.query('CREATE INDEX policy_acknowledgement_replica_at ON policy_acknowledgement_replica (organisation_id, acknowledged_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE policy_acknowledgement_replica');
    await queryRunner.query('DROP TABLE training_assignment_replica');
    await queryRunner.query('DROP TABLE collector_evidence');
    await queryRunner.query('DROP TABLE collector_run');
    await queryRunner.query('DROP TABLE collector_configuration');
  }
}
