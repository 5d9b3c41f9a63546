import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's own tables in every service database: the transactional outbox and consumed-event ids. */
export class PlatformTables1764300000000 implements MigrationInterface {
  name = 'PlatformTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_event (
        seq          bigserial PRIMARY KEY,
        id           uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        type         text NOT NULL,
        envelope     jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await queryRunner.query('CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL');
    await queryRunner.query(`
      CREATE TABLE consumed_event (
        consumer    text NOT NULL,
        event_id    uuid NOT NULL,
        type        text NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE consumed_event');
    await queryRunner.query('DROP TABLE outbox_event');
  }
}
