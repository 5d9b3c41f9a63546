import { Access, AUDIT_READERS, Claims, coversRecord, coversUnit, hasAnyRole, scopeFilter } from '@iso27001/authz';
import { assertInScope, scopeErrors } from '@iso27001/platform';
import { RiskEntity } from './risk.entity';

/**
 * Who may read risks: the register's readers (the same roles as the `risks` and `risk` queries). A reference from
 * another subgraph (an SoA entry's justifying risks) reveals a risk only to them.
 */
export function mayReadRisks(claims: Claims): boolean {
  return hasAnyRole(claims, AUDIT_READERS);
}

/**
 * The SQL twin of `coversRecord` for a list of unit records: `null` for an organisation-wide caller (no filter),
 * otherwise `(unit IN the caller's units OR owner = the caller)`, its parameters appended to `params`. A caller with
 * no units and no person record matches nothing.
 */
export function scopeSql(access: Access, columns: { unit: string; owner: string }, params: unknown[]): string | null {
  const filter = scopeFilter(access);
  if (!filter) return null;
  params.push(filter.unitIds);
  const units = `$${params.length}::uuid[]`;
  if (!filter.personId) return `(${columns.unit} = ANY(${units}))`;
  params.push(filter.personId);
  return `(${columns.unit} = ANY(${units}) OR ${columns.owner} = $${params.length}::uuid)`;
}

/** A risk the caller may read: of their units (sub-units included) or owned by them; every risk for organisation-wide roles. */
export function coversRisk(access: Access, risk: Pick<RiskEntity, 'unitId' | 'ownerId'>): boolean {
  return coversRecord(access, { unitId: risk.unitId, ownerIds: [risk.ownerId] });
}

/** Refuses a change to a risk outside the caller's reach, before anything is written. */
export function assertRiskInScope(access: Access, risk: Pick<RiskEntity, 'unitId' | 'ownerId' | 'title'>): void {
  assertInScope(access, { unitId: risk.unitId, ownerIds: [risk.ownerId] }, `risk "${risk.title}"`);
}

/**
 * Where a new (or moved) record may go: into one of the caller's units; without a unit only when an organisation-wide
 * role creates it or the caller owns it themself (so nobody creates a record they could not read back). The refusal
 * names the `unitId` field, so a form shows it on the unit.
 */
export function assertPlacementInScope(access: Access, placement: { unitId: string | null | undefined; ownerId: string | null | undefined }, what: string): void {
  if (placement.unitId) {
    if (!coversUnit(access, placement.unitId)) throw scopeErrors.raise('OUT_OF_SCOPE', `${what}: unit ${placement.unitId} is not one of your units`, { field: 'unitId' });
    return;
  }
  if (access.organisationWide) return;
  if (!access.personId || placement.ownerId?.toLowerCase() !== access.personId) {
    throw scopeErrors.raise('OUT_OF_SCOPE', `${what}: without a unit only an organisation-wide role, or its owner, may keep it; give one of your units`, { field: 'unitId' });
  }
}

/** Whether a change of a record's unit moves it: a move is checked like a placement, an unchanged unit is not. */
export function unitChanges(before: string | null, after: string | null | undefined): boolean {
  return after !== undefined && (after ?? null)?.toLowerCase() !== before?.toLowerCase();
}
