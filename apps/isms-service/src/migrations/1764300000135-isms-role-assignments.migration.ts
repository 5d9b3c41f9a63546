import { MigrationInterface, QueryRunner } from 'typeorm';

/** Role assignments: a unit-scoped role over a unit subtree, for a person or an identity-provider group. */
export class IsmsRoleAssignments1764300000135 implements MigrationInterface {
  name = 'IsmsRoleAssignments1764300000135';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE role_assignment (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        person_id       uuid REFERENCES person (id),
        group_name      text,
        role            text NOT NULL,
        unit_id         uuid NOT NULL REFERENCES org_unit (id),
        active          boolean NOT NULL DEFAULT true,
        granted_by_sub  text NOT NULL,
        granted_by_name text NOT NULL,
        granted_at      timestamptz NOT NULL DEFAULT now(),
        revoked_by_sub  text,
        revoked_by_name text,
        revoked_at      timestamptz,
        CHECK ((person_id IS NULL) <> (group_name IS NULL)),
        CHECK (active = (revoked_at IS NULL))
      )`);
    // One active assignment per subject, role and unit, even under concurrent requests.
    await queryRunner.query(`CREATE UNIQUE INDEX role_assignment_person_once ON role_assignment (organisation_id, person_id, role, unit_id) WHERE active AND person_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX role_assignment_group_once ON role_assignment (organisation_id, group_name, role, unit_id) WHERE active AND group_name IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX role_assignment_unit ON role_assignment (organisation_id, unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE role_assignment');
  }
}
