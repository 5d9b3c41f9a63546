import { MigrationInterface, QueryRunner } from 'typeorm';

export class IsmsInitial1764300000100 implements MigrationInterface {
  name = 'IsmsInitial1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE org_unit (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        name            text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('BUSINESS_UNIT', 'DEPARTMENT', 'TEAM')),
        parent_id       uuid REFERENCES org_unit (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX org_unit_org_name_parent ON org_unit (organisation_id, name, parent_id)');
    await queryRunner.query(`
      CREATE TABLE person (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        email           text NOT NULL,
        name            text NOT NULL,
        unit_id         uuid REFERENCES org_unit (id),
        manager_id      uuid REFERENCES person (id),
        job_role        text,
        active          boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX person_org_email ON person (organisation_id, email)');
    await queryRunner.query('CREATE INDEX person_org_unit ON person (organisation_id, unit_id)');
    await queryRunner.query('CREATE INDEX person_org_name ON person (organisation_id, name, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person');
    await queryRunner.query('DROP TABLE org_unit');
  }
}
