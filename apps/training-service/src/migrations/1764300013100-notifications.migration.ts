import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: each requested notification once per dedupe key, its delivery attempts per channel (the delivery
 * log), the daily digests (one per person and day), each person's preferences, and a replica of evidence requests
 * (from `evidence.request.changed`) for the one inbox.
 */
export class Notifications1764300013100 implements MigrationInterface {
  name = 'Notifications1764300013100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id     uuid NOT NULL,
        recipient_person_id uuid NOT NULL,
        kind                text NOT NULL,
        subject             text NOT NULL,
        body                text NOT NULL,
        due_date            date,
        link                text,
        dedupe_key          text NOT NULL,
        event_id            uuid NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX notification_dedupe_unique ON notification (organisation_id, dedupe_key)');
    await queryRunner.query(`
      CREATE TABLE notification_digest (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        person_id       uuid NOT NULL,
        day             date NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, person_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE notification_delivery (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        notification_id uuid NOT NULL REFERENCES notification (id),
        person_id       uuid NOT NULL,
        channel         text NOT NULL CHECK (channel IN ('EMAIL', 'CHAT')),
        mode            text NOT NULL CHECK (mode IN ('IMMEDIATE', 'DIGEST')),
        status          text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        digest_id       uuid REFERENCES notification_digest (id),
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel)
      )`);
    await queryRunner.query('CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status IN (\'PENDING\', \'FAILED\')');
    await queryRunner.query('CREATE INDEX notification_delivery_person ON notification_delivery (organisation_id, person_id, created_at DESC)');
    await queryRunner.query(`
      CREATE TABLE notification_preference (
        organisation_id uuid NOT NULL,
        person_id       uuid NOT NULL,
        email_enabled   boolean NOT NULL,
        chat_enabled    boolean NOT NULL,
        mode            text NOT NULL CHECK (mode IN ('IMMEDIATE', 'DIGEST')),
        updated_by      text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, person_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE evidence_request_replica (
        organisation_id uuid NOT NULL,
        request_id      uuid NOT NULL,
        assignee_id     uuid,
        unit_id         uuid NOT NULL,
        control_id      text NOT NULL,
        status          text NOT NULL,
        due_date        date NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, request_id)
      )`);
    await queryRunner.query('CREATE INDEX evidence_request_replica_assignee ON evidence_request_replica (organisation_id, assignee_id) WHERE status IN (\'OPEN\', \'CHANGES_REQUESTED\')');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE evidence_request_replica');
    await queryRunner.query('DROP TABLE notification_preference');
    await queryRunner.query('DROP TABLE notification_delivery');
    await queryRunner.query('DROP TABLE notification_digest');
    await queryRunner.query('DROP TABLE notification');
  }
}
