import { AuditTrailRow } from './audit-trail.rules';
import { AuditTrailEntryType } from './audit-trail.type';

export function toAuditTrailEntry(row: AuditTrailRow): AuditTrailEntryType {
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
    before: row.before === null ? null : JSON.stringify(row.before),
    after: row.after === null ? null : JSON.stringify(row.after),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
