import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nonconformities are remedied and closed: a corrective action per nonconformity (correction, root cause, action,
 * owner, due date, evidence of completion, an effectiveness check by an auditor), and a finding's closure (when, by
 * whom, with what comment).
 */
export class CorrectiveActions1764300015000 implements MigrationInterface {
  name = 'CorrectiveActions1764300015000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE finding
        ADD COLUMN closed_at       timestamptz,
        ADD COLUMN closed_by       text,
        ADD COLUMN closure_comment text CHECK (length(closure_comment) <= 4000),
        ADD CONSTRAINT finding_closure_complete CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL AND closed_by IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE corrective_action (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id          uuid NOT NULL,
        finding_id               uuid NOT NULL UNIQUE REFERENCES finding (id),
        owner_person_id          uuid,
        due_on                   date NOT NULL,
        status                   text NOT NULL CHECK (status IN ('OPEN', 'PLANNED', 'IMPLEMENTED', 'EFFECTIVE', 'NOT_EFFECTIVE')),
        correction               text CHECK (length(correction) <= 4000),
        root_cause               text CHECK (length(root_cause) <= 4000),
        action_plan              text CHECK (length(action_plan) <= 4000),
        planned_by               text,
        planned_at               timestamptz,
        completion_note          text CHECK (length(completion_note) <= 4000),
        evidence_ids             uuid[] NOT NULL DEFAULT '{}',
        implemented_by           text,
        implemented_at           timestamptz,
        effectiveness_note       text CHECK (length(effectiveness_note) <= 4000),
        effectiveness_checked_by text,
        effectiveness_checked_at timestamptz,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'OPEN' OR (correction IS NOT NULL AND root_cause IS NOT NULL AND action_plan IS NOT NULL AND planned_by IS NOT NULL)),
        CHECK (status NOT IN ('IMPLEMENTED', 'EFFECTIVE', 'NOT_EFFECTIVE') OR (implemented_by IS NOT NULL AND cardinality(evidence_ids) > 0)),
        CHECK (status NOT IN ('EFFECTIVE', 'NOT_EFFECTIVE') OR (effectiveness_checked_by IS NOT NULL AND effectiveness_note IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX corrective_action_org_owner ON corrective_action (organisation_id, owner_person_id)');
    await queryRunner.query("CREATE INDEX corrective_action_org_due ON corrective_action (organisation_id, due_on) WHERE status <> 'EFFECTIVE'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE corrective_action');
    await queryRunner.query('ALTER TABLE finding DROP CONSTRAINT finding_closure_complete, DROP COLUMN closed_at, DROP COLUMN closed_by, DROP COLUMN closure_comment');
  }
}
