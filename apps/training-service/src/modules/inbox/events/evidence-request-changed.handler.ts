import { EvidenceRequestChanged } from '@iso27001/contracts';
import { on } from '@iso27001/platform';

/**
 * Keeps the replica of evidence requests the inbox reads (evidence-service's requests, by who is asked): the full
 * state of each event, and an older event never overwrites a newer one.
 */
export function evidenceRequestChangedHandler() {
  return on(EvidenceRequestChanged, async (event, manager) => {
    const data = event.data;
    await manager.query(
      `INSERT INTO evidence_request_replica (organisation_id, request_id, assignee_id, unit_id, control_id, status, due_date, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organisation_id, request_id) DO UPDATE
          SET assignee_id = EXCLUDED.assignee_id, unit_id = EXCLUDED.unit_id, control_id = EXCLUDED.control_id,
              status = EXCLUDED.status, due_date = EXCLUDED.due_date, updated_at = EXCLUDED.updated_at
        WHERE evidence_request_replica.updated_at <= EXCLUDED.updated_at`,
      [event.organisationId, data.id, data.assigneeId, data.unitId, data.controlId, data.status, data.dueDate, event.occurredAt],
    );
  });
}
