import { Access, Reach, ROLE_REACH, scopeFilter } from '@iso27001/authz';

/**
 * Whose training records (assignments, policy acknowledgements) the caller may see: `null` for an organisation-wide
 * caller (everyone's); otherwise the records of the people whose unit (in the person replica) is one of the caller's
 * units, sub-units included, and the caller's own. Units count only through a role that reaches units (a risk or
 * control owner, a service account, an external auditor's grant): an employee sees only their own, whatever units
 * their token names. No units and no person record means nothing.
 */
export function traineeFilter(access: Access): { unitIds: string[]; personId: string | null } | null {
  const filter = scopeFilter(access);
  if (!filter) return null;
  const reachesUnits = access.roles.some((role) => ROLE_REACH[role] === Reach.Units || ROLE_REACH[role] === Reach.Grant);
  return { unitIds: reachesUnits ? filter.unitIds : [], personId: filter.personId };
}

/**
 * The filter as a TypeORM condition on a person id column (`person`) and the person replica row's unit column
 * (`unit`), with named parameters; null when the caller sees everyone's records.
 */
export function traineeCondition(access: Access, columns: { person: string; unit: string }): { sql: string; parameters: Record<string, unknown> } | null {
  const filter = traineeFilter(access);
  if (!filter) return null;
  return {
    sql: `(${columns.unit} = ANY(:traineeUnits::uuid[]) OR ${columns.person} = :traineeSelf::uuid)`,
    parameters: { traineeUnits: filter.unitIds, traineeSelf: filter.personId },
  };
}
