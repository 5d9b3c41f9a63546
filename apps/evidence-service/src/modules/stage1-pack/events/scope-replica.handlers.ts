import { ScopeApproved } from '@iso27001/contracts';
import { on } from '@iso27001/platform';
import { ScopeReplicaEntity } from '../scope-replica.entity';

/** Keeps each approved ISMS scope version (the Stage 1 pack's subject); the version it supersedes is marked so. */
export function scopeApprovedHandler(_deps?: unknown) {
  return on(ScopeApproved, async (event, manager) => {
    const { data, organisationId } = event;
    await manager.query(
      `INSERT INTO isms_scope_replica (organisation_id, scope_id, version, in_scope_unit_ids, approved_at, approved_by, superseded)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, false)
       ON CONFLICT (organisation_id, scope_id) DO UPDATE SET version = EXCLUDED.version, in_scope_unit_ids = EXCLUDED.in_scope_unit_ids,
         approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by`,
      [organisationId, data.id, data.version, data.inScopeUnitIds.map((id) => id.toLowerCase()), data.approvedAt, data.approvedBy],
    );
    // Every other version approved before this one is superseded (events of one scope chain arrive in order by key,
    // but a chain of versions has one key per version, so no order is assumed here).
    await manager
      .createQueryBuilder()
      .update(ScopeReplicaEntity)
      .set({ superseded: true })
      .where('organisation_id = :organisationId AND scope_id <> :scopeId AND approved_at <= :approvedAt', { organisationId, scopeId: data.id, approvedAt: data.approvedAt })
      .execute();
    // And this one, if a later version is already here.
    await manager.query(
      `UPDATE isms_scope_replica SET superseded = EXISTS (SELECT 1 FROM isms_scope_replica later WHERE later.organisation_id = $1 AND later.scope_id <> $2 AND later.approved_at > $3)
        WHERE organisation_id = $1 AND scope_id = $2`,
      [organisationId, data.id, data.approvedAt],
    );
  });
}
