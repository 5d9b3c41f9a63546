import { Claims, INTERNAL_READERS, hasAnyRole, Role } from '@iso27001/authz';
import { engagementErrors } from './engagement.errors';

/**
 * What audit data a caller may see. An external auditor (or any caller whose claims name an engagement) holds a
 * grant for one engagement only, until the grant expires; everyone else sees the organisation's audits.
 */
export type EngagementScope = { kind: 'all' } | { kind: 'engagement'; engagementId: string };

export function engagementScope(claims: Claims, now = new Date()): EngagementScope {
  const external = claims.roles.includes(Role.ExternalAuditor) && !hasAnyRole(claims, INTERNAL_READERS);
  if (claims.engagementId === undefined && !external) return { kind: 'all' };
  if (claims.engagementId === undefined) {
    throw engagementErrors.raise('OUTSIDE_ENGAGEMENT_GRANT', 'an external auditor needs a grant for an engagement');
  }
  if (claims.grantExpiresAt && new Date(claims.grantExpiresAt) <= now) {
    throw engagementErrors.raise('OUTSIDE_ENGAGEMENT_GRANT', `the grant for engagement ${claims.engagementId} expired at ${claims.grantExpiresAt}`);
  }
  return { kind: 'engagement', engagementId: claims.engagementId };
}

/** Refuses, with a clear message, an engagement outside the caller's grant. */
export function assertEngagementInScope(claims: Claims, engagementId: string): void {
  const scope = engagementScope(claims);
  if (scope.kind === 'engagement' && scope.engagementId !== engagementId) {
    throw engagementErrors.raise(
      'OUTSIDE_ENGAGEMENT_GRANT',
      `engagement ${engagementId} is outside your grant: you may only access engagement ${scope.engagementId}`,
    );
  }
}

/** For references and nested fields: true when the engagement is visible to the caller (no error). */
export function engagementVisible(claims: Claims, engagementId: string): boolean {
  try {
    assertEngagementInScope(claims, engagementId);
    return true;
  } catch {
    return false;
  }
}
