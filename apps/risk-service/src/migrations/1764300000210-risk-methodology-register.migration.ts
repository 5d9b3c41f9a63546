import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: the configurable, versioned risk methodology (6.1.2), assets, residual risk and its acceptance,
 * planned actions, assessment history, assessment runs, import jobs and the people replica.
 *
 * Existing risks are migrated onto a default 5×5 methodology v1 per organisation (the one the service creates on
 * first use): their levels are computed from the same default matrix, frozen here on purpose (a later change of the
 * service's defaults must not change what this migration did), and their inherent assessment is recorded.
 */
const DEFAULT_LIKELIHOOD = JSON.stringify([
  { value: 1, label: 'Rare', description: 'Not expected in the next five years' },
  { value: 2, label: 'Unlikely', description: 'Could happen once in three to five years' },
  { value: 3, label: 'Possible', description: 'Could happen once in one to three years' },
  { value: 4, label: 'Likely', description: 'Expected about once a year' },
  { value: 5, label: 'Almost certain', description: 'Expected several times a year' },
]);
const DEFAULT_IMPACT = JSON.stringify([
  { value: 1, label: 'Negligible', description: 'No noticeable effect on customers, finances or compliance' },
  { value: 2, label: 'Minor', description: 'Limited, internal effect; quickly recovered' },
  { value: 3, label: 'Moderate', description: 'Noticeable effect on customers or operations; reportable internally' },
  { value: 4, label: 'Major', description: 'Serious harm to customers, finances or reputation; regulator informed' },
  { value: 5, label: 'Severe', description: 'Threatens the licence, the business or many customers' },
]);
const DEFAULT_LEVELS = JSON.stringify([
  { key: 'LOW', label: 'Low', description: 'Acceptable; monitor', rank: 1 },
  { key: 'MEDIUM', label: 'Medium', description: 'Acceptable within appetite; review regularly', rank: 2 },
  { key: 'HIGH', label: 'High', description: 'Above appetite: treat, or accept by the risk owner', rank: 3 },
  { key: 'CRITICAL', label: 'Critical', description: 'Far above appetite: treat urgently', rank: 4 },
]);
const LEVEL_SQL = (l: string, i: string) =>
  `CASE WHEN ${l} * ${i} <= 4 THEN 'LOW' WHEN ${l} * ${i} <= 9 THEN 'MEDIUM' WHEN ${l} * ${i} <= 16 THEN 'HIGH' ELSE 'CRITICAL' END`;
const RANK_SQL = (l: string, i: string) => `CASE WHEN ${l} * ${i} <= 4 THEN 1 WHEN ${l} * ${i} <= 9 THEN 2 WHEN ${l} * ${i} <= 16 THEN 3 ELSE 4 END`;

export class RiskMethodologyRegister1764300000210 implements MigrationInterface {
  name = 'RiskMethodologyRegister1764300000210';

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
    await queryRunner.query('CREATE INDEX person_replica_email ON person_replica (organisation_id, email)');

    await queryRunner.query(`
      CREATE TABLE risk_methodology (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        version          integer NOT NULL CHECK (version > 0),
        likelihood_scale jsonb NOT NULL,
        impact_scale     jsonb NOT NULL,
        levels           jsonb NOT NULL,
        matrix           jsonb NOT NULL,
        appetite_level   text NOT NULL,
        notes            text,
        published_by     text NOT NULL,
        published_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, version)
      )`);

    // Risks: unit, residual assessment, the methodology versions they were assessed under, the levels those
    // versions give, acceptance of the residual risk, next review. `current_*` is the residual assessment when
    // there is one, else the inherent one: what the register sorts and filters by.
    await queryRunner.query(`
      ALTER TABLE risk
        ADD COLUMN unit_id                    uuid,
        ADD COLUMN inherent_version           integer NOT NULL DEFAULT 1,
        ADD COLUMN inherent_level             text NOT NULL DEFAULT 'LOW',
        ADD COLUMN inherent_rank              integer NOT NULL DEFAULT 1,
        ADD COLUMN residual_likelihood        integer CHECK (residual_likelihood > 0),
        ADD COLUMN residual_impact            integer CHECK (residual_impact > 0),
        ADD COLUMN residual_version           integer,
        ADD COLUMN residual_level             text,
        ADD COLUMN residual_rank              integer,
        ADD COLUMN current_rank               integer NOT NULL DEFAULT 1,
        ADD COLUMN current_score              integer NOT NULL DEFAULT 1,
        ADD COLUMN current_level              text NOT NULL DEFAULT 'LOW',
        ADD COLUMN needs_acceptance           boolean NOT NULL DEFAULT false,
        ADD COLUMN accepted_by_person_id      uuid,
        ADD COLUMN accepted_by                text,
        ADD COLUMN accepted_at                timestamptz,
        ADD COLUMN acceptance_note            text,
        ADD COLUMN next_review_on             date,
        ADD CONSTRAINT risk_residual_pair CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL))`);
    await queryRunner.query(`
      INSERT INTO risk_methodology (organisation_id, version, likelihood_scale, impact_scale, levels, matrix, appetite_level, notes, published_by)
      SELECT DISTINCT organisation_id, 1, $1::jsonb, $2::jsonb, $3::jsonb,
             (SELECT jsonb_agg(row ORDER BY l) FROM (
                SELECT l, jsonb_agg(${LEVEL_SQL('l', 'i')} ORDER BY i) AS row
                FROM generate_series(1, 5) l, generate_series(1, 5) i GROUP BY l) m),
             'MEDIUM', 'Default 5×5 methodology (created when the register was migrated)', 'migration'
      FROM risk`,
      [DEFAULT_LIKELIHOOD, DEFAULT_IMPACT, DEFAULT_LEVELS],
    );
    await queryRunner.query(`
      UPDATE risk SET inherent_level = ${LEVEL_SQL('inherent_likelihood', 'inherent_impact')},
                      inherent_rank  = ${RANK_SQL('inherent_likelihood', 'inherent_impact')},
                      current_level  = ${LEVEL_SQL('inherent_likelihood', 'inherent_impact')},
                      current_rank   = ${RANK_SQL('inherent_likelihood', 'inherent_impact')},
                      current_score  = inherent_likelihood * inherent_impact`);
    await queryRunner.query('ALTER TABLE risk ALTER COLUMN inherent_version DROP DEFAULT, ALTER COLUMN inherent_level DROP DEFAULT, ALTER COLUMN inherent_rank DROP DEFAULT');

    await queryRunner.query(`
      CREATE TABLE risk_assessment (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL,
        risk_id            uuid NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
        kind               text NOT NULL CHECK (kind IN ('INHERENT', 'RESIDUAL')),
        methodology_version integer NOT NULL,
        likelihood         integer NOT NULL CHECK (likelihood > 0),
        impact             integer NOT NULL CHECK (impact > 0),
        level              text NOT NULL,
        note               text,
        assessed_by        text NOT NULL,
        assessed_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX risk_assessment_risk ON risk_assessment (risk_id, assessed_at)');
    await queryRunner.query(`
      INSERT INTO risk_assessment (organisation_id, risk_id, kind, methodology_version, likelihood, impact, level, note, assessed_by, assessed_at)
      SELECT organisation_id, id, 'INHERENT', 1, inherent_likelihood, inherent_impact, inherent_level, 'migrated', 'migration', created_at FROM risk`);

    // The register's list queries: one index per sort order (keyset pagination), and the usual filters.
    await queryRunner.query('DROP INDEX IF EXISTS risk_org_score');
    await queryRunner.query('CREATE INDEX risk_org_current ON risk (organisation_id, current_rank, current_score, id)');
    await queryRunner.query('CREATE INDEX risk_org_title ON risk (organisation_id, lower(title), id)');
    await queryRunner.query("CREATE INDEX risk_org_review ON risk (organisation_id, COALESCE(next_review_on, 'infinity'::date), id)");
    await queryRunner.query('CREATE INDEX risk_org_updated ON risk (organisation_id, updated_at, id)');
    await queryRunner.query('CREATE INDEX risk_org_unit ON risk (organisation_id, unit_id)');
    await queryRunner.query('CREATE INDEX risk_org_needs_acceptance ON risk (organisation_id) WHERE needs_acceptance');
    await queryRunner.query('CREATE INDEX risk_org_level ON risk (organisation_id, current_level)');

    await queryRunner.query(`
      CREATE TABLE asset (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        type            text NOT NULL CHECK (type IN ('INFORMATION', 'SOFTWARE', 'HARDWARE', 'SERVICE', 'PEOPLE', 'SITE', 'SUPPLIER')),
        name            text NOT NULL,
        description     text,
        owner_id        uuid,
        unit_id         uuid,
        confidentiality smallint NOT NULL CHECK (confidentiality BETWEEN 1 AND 3),
        integrity       smallint NOT NULL CHECK (integrity BETWEEN 1 AND 3),
        availability    smallint NOT NULL CHECK (availability BETWEEN 1 AND 3),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX asset_org_name ON asset (organisation_id, lower(name))');
    await queryRunner.query(`
      CREATE TABLE risk_asset (
        organisation_id uuid NOT NULL,
        risk_id         uuid NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
        asset_id        uuid NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
        PRIMARY KEY (risk_id, asset_id)
      )`);
    await queryRunner.query('CREATE INDEX risk_asset_asset ON risk_asset (asset_id)');

    await queryRunner.query(`
      CREATE TABLE risk_action (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        risk_id         uuid NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
        title           text NOT NULL,
        owner_id        uuid,
        due_on          date NOT NULL,
        status          text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX risk_action_risk ON risk_action (risk_id, due_on)');

    await queryRunner.query(`
      CREATE TABLE assessment_run (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        title           text NOT NULL,
        methodology_version integer NOT NULL,
        risk_count      integer NOT NULL,
        taken_by        text NOT NULL,
        taken_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX assessment_run_org ON assessment_run (organisation_id, taken_at DESC)');
    await queryRunner.query(`
      CREATE TABLE assessment_run_item (
        run_id              uuid NOT NULL REFERENCES assessment_run (id) ON DELETE CASCADE,
        risk_id             uuid NOT NULL,
        title               text NOT NULL,
        owner_id            uuid,
        status              text NOT NULL,
        treatment           text,
        inherent_version    integer NOT NULL,
        inherent_likelihood integer NOT NULL,
        inherent_impact     integer NOT NULL,
        inherent_level      text NOT NULL,
        residual_version    integer,
        residual_likelihood integer,
        residual_impact     integer,
        residual_level      text,
        accepted            boolean NOT NULL,
        needs_acceptance    boolean NOT NULL,
        PRIMARY KEY (run_id, risk_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE risk_import_job (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('RISKS', 'ASSETS')),
        format          text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
        filename        text,
        dry_run         boolean NOT NULL,
        status          text NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'COMPLETED_WITH_ERRORS', 'FAILED')),
        total_rows      integer NOT NULL,
        processed_rows  integer NOT NULL DEFAULT 0,
        imported_rows   integer NOT NULL DEFAULT 0,
        error_rows      integer NOT NULL DEFAULT 0,
        errors          jsonb NOT NULL DEFAULT '[]',
        failure         text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        finished_at     timestamptz
      )`);
    await queryRunner.query('CREATE INDEX risk_import_job_org ON risk_import_job (organisation_id, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE risk_import_job, assessment_run_item, assessment_run, risk_action, risk_asset, asset, risk_assessment, risk_methodology, person_replica');
    await queryRunner.query('DROP INDEX risk_org_current, risk_org_title, risk_org_review, risk_org_updated, risk_org_unit, risk_org_needs_acceptance, risk_org_level');
    await queryRunner.query(`
      ALTER TABLE risk DROP CONSTRAINT risk_residual_pair,
        DROP COLUMN unit_id, DROP COLUMN inherent_version, DROP COLUMN inherent_level, DROP COLUMN inherent_rank,
        DROP COLUMN residual_likelihood, DROP COLUMN residual_impact, DROP COLUMN residual_version, DROP COLUMN residual_level,
        DROP COLUMN residual_rank, DROP COLUMN current_rank, DROP COLUMN current_score, DROP COLUMN current_level,
        DROP COLUMN needs_acceptance, DROP COLUMN accepted_by_person_id, DROP COLUMN accepted_by, DROP COLUMN accepted_at,
        DROP COLUMN acceptance_note, DROP COLUMN next_review_on`);
    await queryRunner.query('CREATE INDEX risk_org_score ON risk (organisation_id, (inherent_likelihood * inherent_impact) DESC, title)');
  }
}
