import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingInitial1764300000500 implements MigrationInterface {
  name = 'TrainingInitial1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_replica (
        organisation_id uuid NOT NULL,
        person_id       uuid NOT NULL,
        email           text NOT NULL,
        name            text NOT NULL,
        unit_id         uuid,
        active          boolean NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, person_id)
      )`);
    await queryRunner.query('CREATE INDEX person_replica_org_email ON person_replica (organisation_id, lower(email))');
    await queryRunner.query(`
      CREATE TABLE course (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        title            text NOT NULL,
        description      text,
        kind             text NOT NULL CHECK (kind IN ('AWARENESS', 'ROLE_BASED', 'POLICY')),
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        active           boolean NOT NULL DEFAULT true,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX course_org_title ON course (organisation_id, title)');
    await queryRunner.query(`
      CREATE TABLE assignment (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        course_id       uuid NOT NULL REFERENCES course (id),
        person_id       uuid NOT NULL,
        due_on          date NOT NULL,
        status          text NOT NULL CHECK (status IN ('ASSIGNED', 'COMPLETED', 'OVERDUE')),
        completed_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organisation_id, person_id) REFERENCES person_replica (organisation_id, person_id),
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
      )`);
    // At most one open (not completed) assignment of a course per person, even under concurrent requests.
    await queryRunner.query(
      "CREATE UNIQUE INDEX assignment_open_per_person ON assignment (organisation_id, course_id, person_id) WHERE status <> 'COMPLETED'",
    );
    await queryRunner.query('CREATE INDEX assignment_org_person ON assignment (organisation_id, person_id)');
    await queryRunner.query('CREATE INDEX assignment_org_course ON assignment (organisation_id, course_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE assignment');
    await queryRunner.query('DROP TABLE course');
    await queryRunner.query('DROP TABLE person_replica');
  }
}
