import { Claims } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';

export interface InboxRow {
  kind: string;
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  overdue: boolean;
  link: string;
}

/**
 * Everything a person owes, in ONE statement: open course assignments, pending policy acknowledgements and the
 * evidence requests assigned to them (from the replica of evidence-service's requests), sorted by due date (none
 * last). The person is the one whose replicated e-mail is the caller's: nobody else's items can appear.
 */
const INBOX_SQL = `
  WITH me AS (
    SELECT person_id FROM person_replica WHERE organisation_id = $1 AND email = lower(btrim($2))
  ), items AS (
    SELECT 'COURSE_ASSIGNMENT' AS kind, a.id, c.title, a.due_on AS due, a.status,
           (a.status = 'OVERDUE' OR a.due_on < $3::date) AS overdue, '/my/training' AS link
      FROM assignment a JOIN course c ON c.id = a.course_id
     WHERE a.organisation_id = $1 AND a.person_id IN (SELECT person_id FROM me) AND a.status IN ('ASSIGNED', 'IN_PROGRESS', 'OVERDUE')
    UNION ALL
    SELECT 'POLICY_ACKNOWLEDGEMENT', pa.id, pa.policy_title || ' (version ' || pa.version || ')', NULL::date, pa.status, false, '/my/policies/' || pa.id
      FROM policy_acknowledgement pa
     WHERE pa.organisation_id = $1 AND pa.person_id IN (SELECT person_id FROM me) AND pa.status = 'PENDING'
    UNION ALL
    SELECT 'EVIDENCE_REQUEST', r.request_id, 'Evidence for control ' || r.control_id, r.due_date, r.status,
           r.due_date < $3::date, '/my/evidence-requests'
      FROM evidence_request_replica r
     WHERE r.organisation_id = $1 AND r.assignee_id IN (SELECT person_id FROM me) AND r.status IN ('OPEN', 'CHANGES_REQUESTED')
  )
  SELECT kind, id, title, to_char(due, 'YYYY-MM-DD') AS "dueDate", status, overdue, link
    FROM items
   ORDER BY due ASC NULLS LAST, kind, title, id`;

export class InboxService {
  constructor(private readonly deps: ServiceDeps) {}

  mine(claims: Claims, today: string = new Date().toISOString().slice(0, 10)): Promise<InboxRow[]> {
    return this.deps.dataSource.query(INBOX_SQL, [claims.organisationId, claims.email, today]);
  }
}
