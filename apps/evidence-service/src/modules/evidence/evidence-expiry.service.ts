import { randomUUID } from 'node:crypto';
import { EvidenceItemChanged } from '@iso27001/contracts';
import { ServiceDeps } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { toEvidenceEventData } from './evidence-item.mapper';
import { dayOf } from './evidence-item.rules';

/** Who the expiry job acts as, in the outbox events and the item's history. */
export const EXPIRY_ACTOR = 'evidence-service';

/** Items expired per transaction: one statement and one outbox write per batch. */
export const EXPIRY_BATCH_SIZE = 500;

interface ExpiredRow {
  id: string;
  organisation_id: string;
  unit_id: string | null;
  source: EvidenceItemEntity['source'];
  valid_until: string | null;
  current_version: number;
  control_ids: string[];
  clauses: string[];
}

/*
 * One statement per batch: picks approved items whose validity ended before `today` (skipping rows another replica
 * or a review holds), marks them and their current version EXPIRED, writes their history, and returns them with their
 * mappings, so the batch's events go to the outbox in the same transaction.
 */
const EXPIRE_BATCH_SQL = `
  WITH due AS (
    SELECT id FROM evidence_item
     WHERE status = 'APPROVED' AND valid_until IS NOT NULL AND valid_until < $1::date
     ORDER BY valid_until, id
     LIMIT $2
     FOR UPDATE SKIP LOCKED
  ), items AS (
    UPDATE evidence_item e SET status = 'EXPIRED', updated_at = now() FROM due WHERE e.id = due.id
    RETURNING e.id, e.organisation_id, e.unit_id, e.source, e.valid_until, e.current_version
  ), versions AS (
    UPDATE evidence_version v SET status = 'EXPIRED' FROM items WHERE v.evidence_id = items.id AND v.number = items.current_version
    RETURNING v.id
  ), history AS (
    INSERT INTO evidence_history (organisation_id, evidence_id, actor, action, version, detail)
    SELECT organisation_id, id, '${EXPIRY_ACTOR}', 'EXPIRED', current_version, 'valid until ' || to_char(valid_until, 'YYYY-MM-DD') FROM items
    RETURNING id
  )
  SELECT i.id, i.organisation_id, i.unit_id, i.source, to_char(i.valid_until, 'YYYY-MM-DD') AS valid_until, i.current_version,
         coalesce(array_agg(m.ref ORDER BY m.ref) FILTER (WHERE m.kind = 'CONTROL'), '{}') AS control_ids,
         coalesce(array_agg(m.ref ORDER BY m.ref) FILTER (WHERE m.kind = 'CLAUSE'), '{}') AS clauses
    FROM items i LEFT JOIN evidence_mapping m ON m.evidence_id = i.id
   GROUP BY i.id, i.organisation_id, i.unit_id, i.source, i.valid_until, i.current_version`;

/** Freshness: accepted evidence past its validity becomes EXPIRED, so it no longer counts for its controls. */
export class EvidenceExpiryService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Expires every approved item whose valid-until day is before `today` (UTC), in batches; returns how many. */
  async expireDue(today: string = dayOf(new Date()), batchSize = EXPIRY_BATCH_SIZE): Promise<number> {
    const correlationId = randomUUID();
    let total = 0;
    for (;;) {
      const expired = await this.deps.dataSource.transaction(async (manager) => {
        const rows: ExpiredRow[] = await manager.query(EXPIRE_BATCH_SQL, [today, batchSize]);
        const byOrganisation = new Map<string, ExpiredRow[]>();
        for (const row of rows) byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row]);
        for (const [organisationId, items] of byOrganisation) {
          await this.deps.outbox.recordMany(
            manager,
            EvidenceItemChanged,
            items.map((row) => ({
              subjectId: row.id,
              data: toEvidenceEventData(
                { id: row.id, status: 'EXPIRED', validUntil: row.valid_until, unitId: row.unit_id, source: row.source, currentVersion: row.current_version } as EvidenceItemEntity,
                { controlIds: row.control_ids, clauses: row.clauses },
              ),
            })),
            { organisationId, actor: EXPIRY_ACTOR, correlationId },
          );
        }
        return rows.length;
      });
      total += expired;
      if (expired < batchSize) break;
    }
    if (total > 0) this.deps.logger.info({ expired: total, today }, 'evidence past its validity marked EXPIRED');
    return total;
  }
}
