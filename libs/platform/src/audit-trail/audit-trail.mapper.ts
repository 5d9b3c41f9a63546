import { AuditTrailRow } from './audit-trail.rules';
import { AuditTrailEntryType } from './audit-trail.type';

/** A copy of a recorded value without the named keys, at any depth (fields meant for internal eyes). */
export function withoutKeys(value: unknown, hidden: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, hidden));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => !hidden.has(key)).map(([key, item]) => [key, withoutKeys(item, hidden)]));
}

/**
 * The API's view of a row. `hidden` names properties left out of `before` and `after` (for an external auditor: the
 * fields meant for internal eyes); the hashes stay those of the full row, so the chain can still be checked.
 */
export function toAuditTrailEntry(row: AuditTrailRow, hidden: ReadonlySet<string> = new Set()): AuditTrailEntryType {
  const shown = (value: unknown) => (value === null ? null : JSON.stringify(hidden.size > 0 ? withoutKeys(value, hidden) : value));
  return {
    seq: row.seq,
    occurredAt: new Date(row.occurredAt),
    requestId: row.requestId,
    operation: row.operation,
    action: row.action,
    actor: row.actor,
    actorEmail: row.actorEmail,
    actorRoles: row.actorRoles,
    engagementId: row.engagementId,
    recordType: row.recordType,
    recordId: row.recordId,
    unitId: row.unitId ?? null,
    before: shown(row.before),
    after: shown(row.after),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
