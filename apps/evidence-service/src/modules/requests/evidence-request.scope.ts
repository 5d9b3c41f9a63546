import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Access, coversRecord, coversUnit, Role, scopeFilter } from '@iso27001/authz';
import { assertInScope } from '@iso27001/platform';
import { EvidenceRequestEntity } from './evidence-request.entity';

/*
 * Evidence requests are unit records: organisation-wide roles (programme managers, top management, internal audit)
 * see all of them; control owners (and the other unit roles) those of their units, sub-units included, and those
 * assigned to them. Employees and external auditors see none (the resolvers do not admit their roles). Lists filter
 * in SQL through `withinReach`; single reads through `mayRead`; writes through `assertMayChange` before anything is
 * written. Submitting is the assignee's, or a control owner's of the unit (`maySubmit`).
 */

export function withinReach<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, access: Access): SelectQueryBuilder<T> {
  const filter = scopeFilter(access);
  if (!filter) return query;
  return query.andWhere(`(${alias}.unit_id = ANY(:reachUnitIds::uuid[]) OR (${alias}.assignee_id IS NOT NULL AND ${alias}.assignee_id = :reachPersonId))`, {
    reachUnitIds: filter.unitIds,
    reachPersonId: filter.personId ?? '00000000-0000-0000-0000-000000000000',
  });
}

export function mayRead(access: Access, request: EvidenceRequestEntity): boolean {
  return coversRecord(access, { unitId: request.unitId, ownerIds: [request.assigneeId] });
}

export function assertMayChange(access: Access, request: EvidenceRequestEntity): void {
  assertInScope(access, { unitId: request.unitId, ownerIds: [request.assigneeId] }, `evidence request ${request.id}`);
}

/** The assignee submits; so may a control owner of the request's department (standing in for a colleague). */
export function maySubmit(access: Access, request: EvidenceRequestEntity): boolean {
  if (access.personId !== null && request.assigneeId !== null && access.personId === request.assigneeId.toLowerCase()) return true;
  return access.roles.includes(Role.ControlOwner) && !access.organisationWide && coversUnit(access, request.unitId);
}
