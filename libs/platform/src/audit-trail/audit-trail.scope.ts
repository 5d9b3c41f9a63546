import { Claims, Role } from '@iso27001/authz';
import { auditTrailErrors } from './audit-trail.errors';

/** The time range of trail rows a caller may read, after their grant narrowed the one they asked for. */
export interface TrailWindow {
  from: Date | null;
  to: Date | null;
}

/**
 * Administrators and internal auditors read the whole trail of their organisation (its chain; never another
 * organisation's). An external auditor reads it only under a grant (an engagement in the claims) that has not
 * expired, and only rows up to its expiry.
 *
 * The grant's observation period and units are not in the claims yet: once they are, `from`/`to` are bounded by the
 * period here and rows are narrowed to the engagement's units by the record's unit (for which the trail must then store
 * the record's unit id).
 */
export function trailWindowFor(claims: Pick<Claims, 'roles' | 'engagementId' | 'grantExpiresAt'>, requested: TrailWindow, now = new Date()): TrailWindow {
  if (requested.from && requested.to && requested.from > requested.to) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_INVALID_RANGE', '`from` must not be after `to`');
  }
  const organisationWide = claims.roles.includes(Role.Admin) || claims.roles.includes(Role.InternalAuditor);
  if (organisationWide || !claims.roles.includes(Role.ExternalAuditor)) return requested;
  if (!claims.engagementId) {
    throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', 'an external auditor reads the audit trail only under a grant for an engagement');
  }
  if (!claims.grantExpiresAt) return requested;
  const expiry = new Date(claims.grantExpiresAt);
  if (expiry <= now) throw auditTrailErrors.raise('AUDIT_TRAIL_OUTSIDE_GRANT', 'the grant has expired');
  return { from: requested.from, to: requested.to && requested.to < expiry ? requested.to : expiry };
}
