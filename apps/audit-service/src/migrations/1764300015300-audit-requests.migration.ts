import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request lists: what an auditor asks an owner for during an engagement, by a due date, answered with evidence, and
 * accepted or sent back with a reason.
 */
export class AuditRequests1764300015300 implements MigrationInterface {
  name = 'AuditRequests1764300015300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_request (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        engagement_id   uuid NOT NULL REFERENCES engagement (id),
        title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        detail          text CHECK (length(detail) <= 4000),
        owner_person_id uuid NOT NULL,
        due_on          date NOT NULL,
        status          text NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'ACCEPTED', 'RETURNED')),
        requested_by    text NOT NULL,
        answer_note     text CHECK (length(answer_note) <= 4000),
        evidence_ids    uuid[] NOT NULL DEFAULT '{}',
        answered_by     text,
        answered_at     timestamptz,
        decided_by      text,
        decided_at      timestamptz,
        return_reason   text CHECK (length(return_reason) <= 4000),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('ANSWERED', 'ACCEPTED') OR (answered_by IS NOT NULL AND cardinality(evidence_ids) > 0)),
        CHECK (status <> 'RETURNED' OR return_reason IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX audit_request_org_engagement ON audit_request (organisation_id, engagement_id, due_on)');
    await queryRunner.query('CREATE INDEX audit_request_org_owner ON audit_request (organisation_id, owner_person_id, due_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_request');
  }
}
