import { Claims } from './claims';
import { Role } from './roles';

/**
 * How far a role reaches over the organisation's records (ARCHITECTURE.md, "Access"). A caller's reach is the widest of
 * their roles'. Nothing here means "everything" by default: an organisation-wide reach comes from a role that has it,
 * never from an empty list of units.
 */
export enum Reach {
  /** The whole organisation: programme management, top management and internal audit. */
  Organisation = 'organisation',
  /** The units (with their sub-units) the caller is assigned to, and the records the caller owns personally. */
  Units = 'units',
  /** Only what is the caller's own: their assignments, acknowledgements and tasks. */
  Own = 'own',
  /** One engagement's units and period, by an audit grant. */
  Grant = 'grant',
}

export const ROLE_REACH: Readonly<Record<Role, Reach>> = {
  [Role.Admin]: Reach.Organisation,
  [Role.IsmsManager]: Reach.Organisation,
  [Role.Executive]: Reach.Organisation,
  [Role.InternalAuditor]: Reach.Organisation,
  [Role.RiskOwner]: Reach.Units,
  [Role.ControlOwner]: Reach.Units,
  [Role.ServiceAccount]: Reach.Units,
  [Role.Employee]: Reach.Own,
  [Role.ExternalAuditor]: Reach.Grant,
};

/**
 * Roles an administrator assigns per unit subtree in the product (isms-service's role assignments). Organisation-wide
 * roles and the employee role come from the identity provider; external auditors from an audit grant; service
 * accounts from their own token.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = [Role.RiskOwner, Role.ControlOwner];

/** What a caller may reach, resolved per request from the token and the role assignments the service holds. */
export interface Access {
  /** The caller's person record, when they are in the organisation register (matched by e-mail, active). */
  personId: string | null;
  /** Roles from the token and from the caller's role assignments. */
  roles: readonly Role[];
  /** True when one of the roles reaches the whole organisation. */
  organisationWide: boolean;
  /** Units the caller's unit-reaching roles and grant cover, sub-units included (already expanded). */
  unitIds: readonly string[];
}

/** The reach of a set of roles: organisation-wide if any role has it. */
export function reachesOrganisation(roles: readonly Role[]): boolean {
  return roles.some((role) => ROLE_REACH[role] === Reach.Organisation);
}

/** Access from the token alone, for a service that holds no role assignments: the token's roles and units, as given. */
export function accessFromClaims(claims: Pick<Claims, 'roles' | 'unitIds'>): Access {
  return { personId: null, roles: claims.roles, organisationWide: reachesOrganisation(claims.roles), unitIds: [...new Set(claims.unitIds.map((id) => id.toLowerCase()))] };
}

/** Whether a record of the unit is within the caller's reach (a record of no unit only for organisation-wide callers). */
export function coversUnit(access: Access, unitId: string | null | undefined): boolean {
  if (access.organisationWide) return true;
  if (!unitId) return false;
  return access.unitIds.includes(unitId.toLowerCase());
}

/**
 * Whether a record is within reach: organisation-wide callers see all; others the records of their units and those
 * they own personally (`ownerIds`: the record's owner, assignee, collector…).
 */
export function coversRecord(access: Access, record: { unitId?: string | null; ownerIds?: readonly (string | null | undefined)[] }): boolean {
  if (coversUnit(access, record.unitId)) return true;
  return access.personId !== null && (record.ownerIds ?? []).some((id) => id?.toLowerCase() === access.personId);
}

/**
 * The filter a list applies: `null` for an organisation-wide caller (no filter), otherwise the units and the person
 * whose records the caller may see. An empty `unitIds` with no person matches nothing.
 */
export function scopeFilter(access: Access): { unitIds: string[]; personId: string | null } | null {
  return access.organisationWide ? null : { unitIds: [...access.unitIds], personId: access.personId };
}

/** Claims with the access folded in, so role checks and unit checks downstream see the resolved roles and units. */
export function effectiveClaims(claims: Claims, access: Access): Claims {
  return { ...claims, roles: [...access.roles], unitIds: [...access.unitIds] };
}

/** A period that contains no day: what an auditor without a (valid) period gets. */
const EMPTY_PERIOD: Readonly<{ start: string; end: string }> = Object.freeze({ start: '9999-12-31', end: '0001-01-01' });

/**
 * The observation period of an external auditor's grant (inclusive `YYYY-MM-DD` bounds, whole days in UTC), or null
 * for everyone else: dated records outside it (assessments, acceptances, measurements, completions, acknowledgements,
 * trail rows) are not returned to the auditor. Fail closed: an auditor whose claims name no period (or only half of
 * one, or an inverted one) gets a period that contains no day, so they see nothing dated.
 */
export function grantPeriod(claims: Pick<Claims, 'roles' | 'periodStart' | 'periodEnd'>): { start: string; end: string } | null {
  if (!claims.roles.includes(Role.ExternalAuditor)) return null;
  const { periodStart, periodEnd } = claims;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!periodStart || !periodEnd || !day.test(periodStart) || !day.test(periodEnd) || periodStart > periodEnd) return EMPTY_PERIOD;
  return { start: periodStart, end: periodEnd };
}

/** Whether the period contains no day at all (an auditor without a period). */
export function isEmptyPeriod(period: { start: string; end: string }): boolean {
  return period.start > period.end;
}

/** The UTC day of an instant or a `YYYY-MM-DD` (or ISO) string. */
function utcDay(at: Date | string): string {
  return (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
}

/** Whether a dated record is within the caller's observation period (always, for callers who are not external auditors). */
export function withinGrantPeriod(claims: Pick<Claims, 'roles' | 'periodStart' | 'periodEnd'>, at: Date | string | null | undefined): boolean {
  const period = grantPeriod(claims);
  if (!period) return true;
  if (!at) return false;
  if (at instanceof Date && Number.isNaN(at.getTime())) return false;
  const day = utcDay(at);
  return day >= period.start && day <= period.end;
}

/**
 * The SQL twin of `withinGrantPeriod` for a list filtered in the database (so pages and counts hold only what the
 * auditor may see): a condition on a `date` column or expression, or on a `timestamptz` one (taken as its UTC day),
 * with named parameters; null for callers who are not external auditors. A row whose date is NULL is outside.
 */
export function grantPeriodCondition(
  claims: Pick<Claims, 'roles' | 'periodStart' | 'periodEnd'>,
  column: string,
  kind: 'date' | 'timestamptz',
): { sql: string; parameters: { grantPeriodStart: string; grantPeriodEnd: string } } | null {
  const period = grantPeriod(claims);
  if (!period) return null;
  const day = kind === 'date' ? `(${column})` : `((${column}) AT TIME ZONE 'UTC')::date`;
  return {
    sql: `(${day} IS NOT NULL AND ${day} BETWEEN :grantPeriodStart::date AND :grantPeriodEnd::date)`,
    parameters: { grantPeriodStart: period.start, grantPeriodEnd: period.end },
  };
}
