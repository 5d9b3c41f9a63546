import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation replica's tables, for every service that lists this migration. It runs after a service's own
 * migrations (its timestamp is later than theirs), so it also upgrades the `person_replica` that risk-service and
 * training-service created before the library existed: risk's lacks `job_role`, neither has `manager_id` or
 * `external_id`. A service migration that refers to these tables (a foreign key to a person) needs a later
 * timestamp than this one.
 */
export class OrgReplica1764300006000 implements MigrationInterface {
  name = 'OrgReplica1764300006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS person_replica (
        organisation_id uuid NOT NULL,
        person_id       uuid NOT NULL,
        email           text NOT NULL,
        name            text NOT NULL,
        unit_id         uuid,
        manager_id      uuid,
        job_role        text,
        external_id     text,
        active          boolean NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, person_id)
      )`);
    await queryRunner.query(`
      ALTER TABLE person_replica
        ADD COLUMN IF NOT EXISTS manager_id  uuid,
        ADD COLUMN IF NOT EXISTS job_role    text,
        ADD COLUMN IF NOT EXISTS external_id text`);
    // Both services lower-cased on write already; this makes it true for any row, so look-ups compare as stored.
    await queryRunner.query('UPDATE person_replica SET email = lower(btrim(email)) WHERE email <> lower(btrim(email))');
    // Same names and definitions as the indexes risk-service (e-mail) and training-service (unit) made before.
    await queryRunner.query('CREATE INDEX IF NOT EXISTS person_replica_email ON person_replica (organisation_id, email)');
    await queryRunner.query('CREATE INDEX IF NOT EXISTS person_replica_org_unit ON person_replica (organisation_id, unit_id) WHERE active');

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS unit_replica (
        organisation_id uuid NOT NULL,
        unit_id         uuid NOT NULL,
        name            text NOT NULL,
        kind            text NOT NULL,
        parent_id       uuid,
        external_id     text,
        active          boolean NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, unit_id)
      )`);
    // The recursive step of a subtree walks from a unit to its children.
    await queryRunner.query('CREATE INDEX IF NOT EXISTS unit_replica_org_parent ON unit_replica (organisation_id, parent_id)');
  }

  /**
   * Drops the unit replica only: `person_replica` and its columns may predate this migration in a service, and other
   * tables there refer to it.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS unit_replica');
  }
}
