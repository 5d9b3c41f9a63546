import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Access, scopeFilter } from '@iso27001/authz';
import { assertInScope, assertUnitInScope } from '@iso27001/platform';
import { ControlImplementationEntity } from './control-implementation.entity';

/*
 * Control implementations are unit records: organisation-wide roles see and change all of them; a control owner, a
 * service account or an external auditor those of their units (sub-units included) and those they own personally.
 * Every list, page, count, field resolver and export of implementations goes through `withinReach`; every write
 * through the asserts below, before anything is written.
 */

/** Narrows a query over `control_implementation` (as `alias`) to the caller's reach, in SQL, so totals count the same rows. */
export function withinReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, access: Access): SelectQueryBuilder<T> {
  const filter = scopeFilter(access);
  if (!filter) return query;
  return query.andWhere(`(${alias}.unit_id = ANY(:reachUnitIds::uuid[]) OR (:reachPersonId::uuid IS NOT NULL AND ${alias}.owner_id = :reachPersonId::uuid))`, {
    reachUnitIds: filter.unitIds,
    reachPersonId: filter.personId,
  });
}

/** Refuses recording an implementation in a unit the caller does not reach. */
export function assertMayImplementIn(access: Access, unitId: string, controlId: string): void {
  assertUnitInScope(access, unitId, `the implementation of ${controlId}`);
}

/** Refuses changing or removing an implementation outside the caller's reach. */
export function assertMayChange(access: Access, implementation: ControlImplementationEntity): void {
  assertInScope(access, { unitId: implementation.unitId, ownerIds: [implementation.ownerId] }, `control implementation ${implementation.id} (${implementation.controlId})`);
}
