import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns: a course for an audience (units with their sub-units, job roles, everyone), due N days after enrolment,
 * optionally recurring; the enrolment's progress (target, enrolled, the keyset cursor of the batches); the reminders
 * already sent (one row per dedupe key, so a re-run sends nothing twice); and the daily history of completion rates.
 */
export class Campaigns1764300013700 implements MigrationInterface {
  name = 'Campaigns1764300013700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaign (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id   uuid NOT NULL,
        name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        course_id         uuid NOT NULL,
        everyone          boolean NOT NULL DEFAULT false,
        unit_ids          uuid[] NOT NULL DEFAULT '{}',
        job_roles         text[] NOT NULL DEFAULT '{}',
        due_days          integer NOT NULL CHECK (due_days BETWEEN 1 AND 3650),
        recurrence        text NOT NULL DEFAULT 'NONE' CHECK (recurrence IN ('NONE', 'YEARLY', 'MONTHS')),
        recurrence_months integer CHECK (recurrence_months BETWEEN 1 AND 120),
        status            text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ENROLLING', 'LAUNCHED', 'CLOSED')),
        round             integer NOT NULL DEFAULT 0,
        target_count      integer NOT NULL DEFAULT 0,
        enrolled_count    integer NOT NULL DEFAULT 0,
        enrolment_cursor  uuid,
        next_round_on     date,
        created_by        text NOT NULL,
        launched_at       timestamptz,
        closed_at         timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_audience_given CHECK (everyone OR cardinality(unit_ids) > 0 OR cardinality(job_roles) > 0),
        CONSTRAINT campaign_recurrence_months CHECK ((recurrence = 'MONTHS') = (recurrence_months IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX campaign_org_status ON campaign (organisation_id, status)');
    await queryRunner.query(`
      CREATE TABLE assignment_reminder (
        organisation_id uuid NOT NULL,
        dedupe_key      text NOT NULL,
        assignment_id   uuid NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
        kind            text NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, dedupe_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE completion_snapshot (
        organisation_id uuid NOT NULL,
        day             date NOT NULL,
        campaign_id     uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        scope_key       text NOT NULL,
        unit_id         uuid,
        total           integer NOT NULL,
        completed       integer NOT NULL,
        overdue         integer NOT NULL,
        PRIMARY KEY (organisation_id, campaign_id, scope_key, day)
      )`);
    // Which round of its campaign enrolled an assignment: a recurring campaign enrols everyone again each round.
    await queryRunner.query('ALTER TABLE assignment ADD COLUMN campaign_round integer');
    await queryRunner.query('CREATE INDEX assignment_campaign_person ON assignment (campaign_id, person_id) WHERE campaign_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assignment_campaign_person');
    await queryRunner.query('ALTER TABLE assignment DROP COLUMN campaign_round');
    await queryRunner.query('DROP TABLE completion_snapshot');
    await queryRunner.query('DROP TABLE assignment_reminder');
    await queryRunner.query('DROP TABLE campaign');
  }
}
