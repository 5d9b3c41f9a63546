import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole life of an assignment: started (IN_PROGRESS), exempted with a reason and who granted it (EXEMPT),
 * withdrawn when the person leaves the audience (WITHDRAWN); which campaign enrolled it and which course version it
 * is for; the quiz score and the attempts used. Open assignments (at most one per course and person) are those not
 * completed, exempt or withdrawn.
 */
export class AssignmentLifecycle1764300013000 implements MigrationInterface {
  name = 'AssignmentLifecycle1764300013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE assignment DROP CONSTRAINT IF EXISTS assignment_status_check');
    await queryRunner.query(
      "ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'OVERDUE', 'EXEMPT', 'WITHDRAWN'))",
    );
    await queryRunner.query(`
      ALTER TABLE assignment
        ADD COLUMN campaign_id    uuid,
        ADD COLUMN course_version integer,
        ADD COLUMN score          integer CHECK (score BETWEEN 0 AND 100),
        ADD COLUMN attempt_count  integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        ADD COLUMN started_at     timestamptz,
        ADD COLUMN exempt_reason  text,
        ADD COLUMN exempted_by    text,
        ADD COLUMN withdrawn_at   timestamptz,
        ADD CONSTRAINT assignment_exemption_complete CHECK (status <> 'EXEMPT' OR (exempt_reason IS NOT NULL AND exempted_by IS NOT NULL))`);
    await queryRunner.query('DROP INDEX assignment_open_per_person');
    await queryRunner.query(
      "CREATE UNIQUE INDEX assignment_open_per_person ON assignment (organisation_id, course_id, person_id) WHERE status IN ('ASSIGNED', 'IN_PROGRESS', 'OVERDUE')",
    );
    await queryRunner.query('CREATE INDEX assignment_org_campaign ON assignment (organisation_id, campaign_id) WHERE campaign_id IS NOT NULL');
    // The overdue job's scan: open work by due date.
    await queryRunner.query("CREATE INDEX assignment_open_due ON assignment (due_on) WHERE status IN ('ASSIGNED', 'IN_PROGRESS')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assignment_open_due');
    await queryRunner.query('DROP INDEX assignment_org_campaign');
    await queryRunner.query('DROP INDEX assignment_open_per_person');
    await queryRunner.query("DELETE FROM assignment WHERE status IN ('EXEMPT', 'WITHDRAWN')");
    await queryRunner.query("UPDATE assignment SET status = 'ASSIGNED' WHERE status = 'IN_PROGRESS'");
    await queryRunner.query(
      "CREATE UNIQUE INDEX assignment_open_per_person ON assignment (organisation_id, course_id, person_id) WHERE status <> 'COMPLETED'",
    );
    await queryRunner.query(`
      ALTER TABLE assignment
        DROP CONSTRAINT assignment_exemption_complete,
        DROP COLUMN campaign_id, DROP COLUMN course_version, DROP COLUMN score, DROP COLUMN attempt_count,
        DROP COLUMN started_at, DROP COLUMN exempt_reason, DROP COLUMN exempted_by, DROP COLUMN withdrawn_at`);
    await queryRunner.query('ALTER TABLE assignment DROP CONSTRAINT assignment_status_check');
    await queryRunner.query("ALTER TABLE assignment ADD CONSTRAINT assignment_status_check CHECK (status IN ('ASSIGNED', 'COMPLETED', 'OVERDUE'))");
  }
}
