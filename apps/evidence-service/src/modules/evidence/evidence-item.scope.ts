import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Access, AUDIT_READERS, Claims, coversUnit, grantPeriod, hasAnyRole, scopeFilter } from '@iso27001/authz';
import { assertInScope, assertUnitInScope } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { coveredSpan } from './evidence-item.rules';

/*
 * Evidence items are unit records, like control implementations: organisation-wide roles (programme managers, top
 * management, internal audit) see all of them; control owners, risk owners and service accounts those of their units
 * (sub-units included). An external auditor sees only accepted evidence (APPROVED, or EXPIRED after it was approved)
 * of the grant's units whose covered span (period, else effective date) overlaps the grant's period. Items recorded
 * before evidence had units have no unit: only organisation-wide callers see them.
 * Every list, count, reference and field resolver goes through `withinReach`/`mayRead`; every write through the
 * asserts below, before anything is written.
 */

/** Statuses an external auditor may see: evidence whose current version was accepted. */
export const AUDITOR_VISIBLE_STATUSES = ['APPROVED', 'EXPIRED'] as const;

/**
 * Narrows a query over `evidence_item` (as `alias`) to the caller's reach, in SQL, so totals count the same rows.
 * `keyAlias` is where the item's unit and status are read (a mapping row that carries copies of them), by default
 * the item itself.
 */
export function withinReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, claims: Claims, access: Access, keyAlias = alias): SelectQueryBuilder<T> {
  const period = grantPeriod(claims);
  if (period) {
    return query
      .andWhere(`${keyAlias}.unit_id = ANY(:reachUnitIds::uuid[])`, { reachUnitIds: [...access.unitIds] })
      .andWhere(`${keyAlias}.status IN (:...auditorStatuses)`, { auditorStatuses: [...AUDITOR_VISIBLE_STATUSES] })
      .andWhere(`coalesce(${alias}.period_start, ${alias}.effective_date) <= :grantEnd::date`, { grantEnd: period.end })
      .andWhere(`coalesce(${alias}.period_end, ${alias}.period_start, ${alias}.effective_date) >= :grantStart::date`, { grantStart: period.start });
  }
  const filter = scopeFilter(access);
  if (!filter) return query;
  return query.andWhere(`${keyAlias}.unit_id = ANY(:reachUnitIds::uuid[])`, { reachUnitIds: filter.unitIds });
}

/** The same rule for one loaded item (references, single reads). */
export function mayRead(claims: Claims, access: Access, item: EvidenceItemEntity): boolean {
  if (!hasAnyRole(claims, AUDIT_READERS)) return false;
  const period = grantPeriod(claims);
  if (period) {
    if (!item.unitId || !access.unitIds.includes(item.unitId.toLowerCase())) return false;
    if (!(AUDITOR_VISIBLE_STATUSES as readonly string[]).includes(item.status)) return false;
    const span = coveredSpan(item);
    return span.start <= period.end && span.end >= period.start;
  }
  return coversUnit(access, item.unitId);
}

/** Refuses collecting evidence into a unit the caller does not reach. */
export function assertMayCollectIn(access: Access, unitId: string): void {
  assertUnitInScope(access, unitId, 'the evidence');
}

/** Refuses changing (new version, mappings, review) an item outside the caller's reach. */
export function assertMayChange(access: Access, item: EvidenceItemEntity): void {
  assertInScope(access, { unitId: item.unitId }, `evidence ${item.id} ("${item.title}")`);
}
