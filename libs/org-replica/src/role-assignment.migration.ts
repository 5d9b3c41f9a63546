import { MigrationInterface, QueryRunner } from 'typeorm';

/** The replica of role assignments, for every service that scopes its records by them (after OrgReplica1764300006000). */
export class RoleAssignmentReplica1764300007000 implements MigrationInterface {
  name = 'RoleAssignmentReplica1764300007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS role_assignment_replica (
        organisation_id uuid NOT NULL,
        assignment_id   uuid NOT NULL,
        person_id       uuid,
        group_name      text,
        role            text NOT NULL,
        unit_id         uuid NOT NULL,
        active          boolean NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, assignment_id),
        CHECK ((person_id IS NULL) <> (group_name IS NULL))
      )`);
    // A request resolves its caller's assignments by person and by group.
    await queryRunner.query('CREATE INDEX IF NOT EXISTS role_assignment_replica_person ON role_assignment_replica (organisation_id, person_id) WHERE active');
    await queryRunner.query('CREATE INDEX IF NOT EXISTS role_assignment_replica_group ON role_assignment_replica (organisation_id, group_name) WHERE active');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS role_assignment_replica');
  }
}
