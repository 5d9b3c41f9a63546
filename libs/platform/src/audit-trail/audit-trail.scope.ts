import { Access, Claims, grantPeriod, isEmptyPeriod, Role } from '@iso27001/authz';
import type { TrailUnitFilter } from './audit-trail.service';
import { auditTrailErrors } from './audit-trail.errors';

/** The time range of trail rows a caller may read, after their grant narrowed the one they asked for. */
export interface TrailWindow {
  from: Date | null;
  to: Date | null;
}

const DAY_MS = 86_400_000;

const later = (a: Date | null, b: Date | null): Date | null => (a && b ? (a > b ? a : b) : (a ?? b));
const earlier = (a: Date | null, b: Date | null): Date | null => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * Administrators and internal auditors read the whole trail of their organisation (its chain; never another
 * organisation's). An external auditor reads it only under a grant (an engagement in the claims) that has not
 * expired, and only rows of the grant's observation period (`periodStart`–`periodEnd`, whole days in UTC) and before
 * its expiry.
 *
 * The rows are narrowed to the grant's units too (`trailUnitsFor`). The fields meant for internal eyes are left out
 * of `before`/`after` by the resolver (`toAuditTrailEntry`).
 */
export function trailWindowFor(
  claims: Pick<Claims, 'roles' | 'engagementId' | 'grantExpiresAt' | 'periodStart' | 'periodEnd'>,
  requested: TrailWindow,
  now = new Date(),
): TrailWindow {
  if (requested.from && requested.to && requested.from > requested.to) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_INVALID_RANGE', '`from` must not be after `to`');
  }
  const organisationWide = claims.roles.includes(Role.Admin) || claims.roles.includes(Role.InternalAuditor);
  if (organisationWide || !claims.roles.includes(Role.ExternalAuditor)) return requested;
  if (!claims.engagementId) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', 'an external auditor reads the audit trail only under a grant for an engagement');
  }
  const expiry = claims.grantExpiresAt ? new Date(claims.grantExpiresAt) : null;
  if (expiry && expiry <= now) throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', 'the grant has expired');
  // The same period as every other dated record (libs/authz grantPeriod): a grant without one shows no row.
  const period = grantPeriod(claims);
  if (!period || isEmptyPeriod(period)) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', 'the grant names no observation period, so no row of the trail is within it');
  }
  const periodStart = new Date(`${period.start}T00:00:00.000Z`);
  const periodEnd = new Date(new Date(`${period.end}T00:00:00.000Z`).getTime() + DAY_MS - 1);
  const window = { from: later(requested.from, periodStart), to: earlier(earlier(requested.to, periodEnd), expiry) };
  if (window.from && window.to && window.from > window.to) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', "the range asked for lies outside the grant's observation period");
  }
  return window;
}

/**
 * The units whose rows an external auditor reads (null for everyone else: no narrowing): the rows of records of the
 * grant's units (sub-units included, as the caller's access has them), the rows of organisation data that auditors
 * may read (`organisationLevel`, the tables declared with `@AuditUnit({ organisationLevel: true })`), and the
 * MUTATION rows whose records are all among those. A row of any other record without a unit stays hidden, and so does
 * every row of a record auditors never read (`internal`).
 */
export function trailUnitsFor(
  claims: Pick<Claims, 'roles'>,
  access: Pick<Access, 'unitIds'>,
  tables: { organisationLevel: readonly string[]; internal: readonly string[] },
): TrailUnitFilter | null {
  const organisationWide = claims.roles.includes(Role.Admin) || claims.roles.includes(Role.InternalAuditor);
  if (organisationWide || !claims.roles.includes(Role.ExternalAuditor)) return null;
  return { unitIds: access.unitIds.map((id) => id.toLowerCase()), organisationLevel: [...tables.organisationLevel], internal: [...tables.internal] };
}
