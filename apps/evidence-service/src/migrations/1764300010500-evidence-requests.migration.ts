import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence requirements per control (seeded per organisation from the default set), the replicas of controls-service's
 * implementations and applicability that open requests (flow 2), the requests with their history and comments, and the
 * reminders already sent (one row per dedupe key, so a reminder goes out once).
 */
export class EvidenceRequests1764300010500 implements MigrationInterface {
  name = 'EvidenceRequests1764300010500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_requirement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL CHECK (control_id ~ '^A\\.[5-8]\\.[0-9]+$'),
        default_key     text,
        title           text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
        description     text,
        frequency       text NOT NULL CHECK (frequency IN ('ONCE', 'MONTHLY', 'QUARTERLY', 'YEARLY')),
        retired_at      timestamptz,
        retired_by      text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_by      text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, default_key)
      )`);
    await queryRunner.query('CREATE INDEX evidence_requirement_org_control ON evidence_requirement (organisation_id, control_id)');
    await queryRunner.query(`
      CREATE TABLE evidence_requirement_seed (
        organisation_id uuid PRIMARY KEY,
        seeded_at       timestamptz NOT NULL DEFAULT now(),
        defaults        int NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE control_implementation_replica (
        id              uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL,
        unit_id         uuid NOT NULL,
        owner_id        uuid,
        removed         boolean NOT NULL,
        changed_at      timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX control_implementation_replica_control ON control_implementation_replica (organisation_id, control_id) WHERE NOT removed');
    await queryRunner.query(`
      CREATE TABLE soa_applicability_replica (
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL,
        applicable      boolean NOT NULL,
        owner_id        uuid,
        changed_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, control_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE evidence_request (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id   uuid NOT NULL,
        requirement_id    uuid NOT NULL REFERENCES evidence_requirement (id),
        control_id        text NOT NULL,
        unit_id           uuid NOT NULL,
        implementation_id uuid,
        assignee_id       uuid,
        status            text NOT NULL CHECK (status IN ('OPEN', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'CANCELLED')),
        period_key        text NOT NULL,
        period_start      date NOT NULL,
        period_end        date,
        due_date          date NOT NULL,
        evidence_ids      uuid[] NOT NULL DEFAULT '{}',
        submitted_by      text,
        submitted_at      timestamptz,
        decided_by        text,
        decided_at        timestamptz,
        opened_at         timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end IS NULL OR period_end >= period_start),
        CHECK (status <> 'ACCEPTED' OR decided_by IS DISTINCT FROM submitted_by)
      )`);
    // One live request per requirement, unit and period: a cancelled one may be opened again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX evidence_request_once ON evidence_request (organisation_id, requirement_id, unit_id, period_key) WHERE status <> 'CANCELLED'`,
    );
    await queryRunner.query('CREATE INDEX evidence_request_org_due ON evidence_request (organisation_id, due_date, id)');
    await queryRunner.query('CREATE INDEX evidence_request_org_control_unit ON evidence_request (organisation_id, control_id, unit_id)');
    await queryRunner.query('CREATE INDEX evidence_request_assignee ON evidence_request (organisation_id, assignee_id, due_date)');
    await queryRunner.query(`
      CREATE TABLE evidence_request_history (
        id              bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL,
        request_id      uuid NOT NULL REFERENCES evidence_request (id),
        action          text NOT NULL CHECK (action IN ('OPENED', 'REASSIGNED', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'CANCELLED', 'COMMENTED')),
        from_status     text,
        to_status       text,
        actor           text NOT NULL,
        at              timestamptz NOT NULL DEFAULT now(),
        comment         text
      )`);
    await queryRunner.query('CREATE INDEX evidence_request_history_request ON evidence_request_history (request_id, id)');
    await queryRunner.query(`
      CREATE TABLE evidence_request_reminder (
        organisation_id uuid NOT NULL,
        dedupe_key      text NOT NULL,
        request_id      uuid NOT NULL REFERENCES evidence_request (id),
        kind            text NOT NULL,
        recipient_id    uuid NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, dedupe_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['evidence_request_reminder', 'evidence_request_history', 'evidence_request', 'soa_applicability_replica', 'control_implementation_replica', 'evidence_requirement_seed', 'evidence_requirement']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
