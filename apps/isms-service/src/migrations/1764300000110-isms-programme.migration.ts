import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: external ids and deactivation for units and people, bulk imports, the ISMS scope statement (4.3),
 * context, interested parties and obligations (4.1, 4.2), objectives (6.2) and the certification project plan.
 */
export class IsmsProgramme1764300000110 implements MigrationInterface {
  name = 'IsmsProgramme1764300000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE org_unit ADD COLUMN external_id text, ADD COLUMN active boolean NOT NULL DEFAULT true');
    await queryRunner.query('CREATE UNIQUE INDEX org_unit_org_external_id ON org_unit (organisation_id, external_id) WHERE external_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX org_unit_org_parent ON org_unit (organisation_id, parent_id)');
    await queryRunner.query('ALTER TABLE person ADD COLUMN external_id text');
    await queryRunner.query('CREATE UNIQUE INDEX person_org_external_id ON person (organisation_id, external_id) WHERE external_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX person_org_manager ON person (organisation_id, manager_id)');

    await queryRunner.query(`
      CREATE TABLE import_job (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('PEOPLE', 'UNITS')),
        file_name       text NOT NULL,
        content         bytea,
        size_bytes      integer NOT NULL,
        dry_run         boolean NOT NULL DEFAULT false,
        status          text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        message         text,
        total_rows      integer,
        processed_rows  integer NOT NULL DEFAULT 0,
        created_count   integer NOT NULL DEFAULT 0,
        updated_count   integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        failed_count    integer NOT NULL DEFAULT 0,
        requested_by    text NOT NULL,
        started_at      timestamptz,
        finished_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX import_job_org_created ON import_job (organisation_id, created_at DESC)');
    await queryRunner.query(`
      CREATE TABLE import_job_error (
        id          bigserial PRIMARY KEY,
        job_id      uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
        row_number  integer NOT NULL,
        column_name text,
        message     text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX import_job_error_job_row ON import_job_error (job_id, row_number, id)');

    await queryRunner.query(`
      CREATE TABLE isms_scope (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id       uuid NOT NULL,
        version               integer NOT NULL CHECK (version > 0),
        status                text NOT NULL CHECK (status IN ('DRAFT', 'APPROVED', 'SUPERSEDED')),
        statement             text NOT NULL DEFAULT '',
        in_scope_unit_ids     uuid[] NOT NULL DEFAULT '{}',
        locations             text[] NOT NULL DEFAULT '{}',
        systems               text[] NOT NULL DEFAULT '{}',
        interfaces            text[] NOT NULL DEFAULT '{}',
        exclusions            jsonb NOT NULL DEFAULT '[]',
        based_on_id           uuid REFERENCES isms_scope (id),
        created_by            text NOT NULL,
        approved_by_sub       text,
        approved_by_name      text,
        approved_by_person_id uuid REFERENCES person (id),
        approved_at           timestamptz,
        superseded_at         timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, version),
        CHECK (status = 'DRAFT' OR approved_at IS NOT NULL)
      )`);
    // At most one draft and one approved version per organisation, whatever the application does.
    await queryRunner.query(`CREATE UNIQUE INDEX isms_scope_one_draft ON isms_scope (organisation_id) WHERE status = 'DRAFT'`);
    await queryRunner.query(`CREATE UNIQUE INDEX isms_scope_one_approved ON isms_scope (organisation_id) WHERE status = 'APPROVED'`);

    await queryRunner.query(`
      CREATE TABLE context_issue (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        title           text NOT NULL,
        description     text NOT NULL DEFAULT '',
        category        text NOT NULL CHECK (category IN ('INTERNAL', 'EXTERNAL')),
        impact          text NOT NULL DEFAULT '',
        unit_id         uuid REFERENCES org_unit (id),
        review_date     date,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX context_issue_org_review ON context_issue (organisation_id, review_date)');
    await queryRunner.query(`
      CREATE TABLE interested_party (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        name            text NOT NULL,
        description     text NOT NULL DEFAULT '',
        requirements    text[] NOT NULL DEFAULT '{}',
        review_date     date,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX interested_party_org_name ON interested_party (organisation_id, lower(name))');
    await queryRunner.query(`
      CREATE TABLE obligation (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id     uuid NOT NULL,
        title               text NOT NULL,
        description         text NOT NULL DEFAULT '',
        kind                text NOT NULL CHECK (kind IN ('LEGAL', 'REGULATORY', 'CONTRACTUAL')),
        source              text NOT NULL,
        owner_id            uuid REFERENCES person (id),
        review_date         date,
        status              text NOT NULL CHECK (status IN ('IDENTIFIED', 'COMPLIANT', 'PARTIALLY_COMPLIANT', 'NON_COMPLIANT', 'RETIRED')),
        interested_party_id uuid REFERENCES interested_party (id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX obligation_org_review ON obligation (organisation_id, review_date)');

    await queryRunner.query(`
      CREATE TABLE objective (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        title           text NOT NULL,
        description     text NOT NULL DEFAULT '',
        metric          text NOT NULL,
        target_value    double precision NOT NULL,
        unit            text NOT NULL,
        direction       text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        owner_id        uuid REFERENCES person (id),
        due_date        date,
        status          text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'ACHIEVED', 'NOT_ACHIEVED', 'CANCELLED')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX objective_org ON objective (organisation_id, title)');
    await queryRunner.query(`
      CREATE TABLE objective_measurement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        objective_id    uuid NOT NULL REFERENCES objective (id),
        value           double precision NOT NULL,
        measured_at     timestamptz NOT NULL,
        note            text,
        recorded_by     text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX objective_measurement_objective ON objective_measurement (objective_id, measured_at DESC)');

    await queryRunner.query(`
      CREATE TABLE certification_project (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL UNIQUE,
        started_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE certification_phase (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        project_id      uuid NOT NULL REFERENCES certification_project (id),
        key             text NOT NULL,
        name            text NOT NULL,
        position        integer NOT NULL,
        UNIQUE (project_id, key),
        UNIQUE (project_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE certification_task (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        phase_id        uuid NOT NULL REFERENCES certification_phase (id),
        title           text NOT NULL,
        description     text NOT NULL DEFAULT '',
        owner_id        uuid REFERENCES person (id),
        due_date        date,
        status          text NOT NULL DEFAULT 'TODO' CHECK (status IN ('TODO', 'IN_PROGRESS', 'DONE', 'BLOCKED')),
        completed_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX certification_task_phase ON certification_task (phase_id, created_at)');
    await queryRunner.query(`CREATE INDEX certification_task_org_due ON certification_task (organisation_id, due_date) WHERE status <> 'DONE'`);
    await queryRunner.query(`
      CREATE TABLE management_commitment (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id   uuid NOT NULL,
        sponsor_person_id uuid NOT NULL REFERENCES person (id),
        decision          text NOT NULL,
        decided_on        date NOT NULL,
        recorded_by_sub   text NOT NULL,
        recorded_by_name  text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX management_commitment_org ON management_commitment (organisation_id, decided_on DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'management_commitment',
      'certification_task',
      'certification_phase',
      'certification_project',
      'objective_measurement',
      'objective',
      'obligation',
      'interested_party',
      'context_issue',
      'isms_scope',
      'import_job_error',
      'import_job',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP INDEX person_org_manager');
    await queryRunner.query('DROP INDEX person_org_external_id');
    await queryRunner.query('ALTER TABLE person DROP COLUMN external_id');
    await queryRunner.query('DROP INDEX org_unit_org_parent');
    await queryRunner.query('DROP INDEX org_unit_org_external_id');
    await queryRunner.query('ALTER TABLE org_unit DROP COLUMN external_id, DROP COLUMN active');
  }
}
