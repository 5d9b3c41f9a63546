import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each certification reminder sent, by its key: the daily job sends a key once, however often or concurrently it runs. */
export class CertificationReminders1764300015500 implements MigrationInterface {
  name = 'CertificationReminders1764300015500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE certification_reminder (
        dedupe_key text PRIMARY KEY,
        cycle_id   uuid NOT NULL REFERENCES certification_cycle (id),
        sent_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE certification_reminder');
  }
}
