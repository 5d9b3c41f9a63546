import type { PolicyApproverRole, PolicyState, PolicyVersionStatus } from '../../gql/graphql';
import { roleLabel } from '../../lib/roles';

/** "EXECUTIVE" -> the role as the portal names it elsewhere ("Executive"), from the token's value ("executive"). */
export function approverRoleLabel(role: PolicyApproverRole | null | undefined): string {
  return role ? roleLabel(role.toLowerCase()) : '—';
}

/** Whether the role the person works as now is the one a policy names as its approver. */
export function isApproverRole(activeRole: string | null, approverRole: PolicyApproverRole): boolean {
  return activeRole !== null && activeRole.toUpperCase() === approverRole;
}

export const APPROVER_ROLES: readonly PolicyApproverRole[] = ['EXECUTIVE', 'ISMS_MANAGER', 'ADMIN', 'RISK_OWNER', 'CONTROL_OWNER'];

export const VERSION_STATUS_COLOUR: Record<PolicyVersionStatus, string> = { DRAFT: 'gray', SUBMITTED: 'grape', APPROVED: 'blue', PUBLISHED: 'green', RETIRED: 'dark' };

export const VERSION_STATUS_LABEL: Record<PolicyVersionStatus, string> = {
  DRAFT: 'Draft, not yet submitted',
  SUBMITTED: 'Submitted, awaiting approval',
  APPROVED: 'Approved, not yet published',
  PUBLISHED: 'Published (in force)',
  RETIRED: 'Retired',
};

/** The statuses of a version still on its way to being in force (a policy has at most one). */
export const PENDING_STATUSES: readonly PolicyVersionStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED'];

export const POLICY_STATE_LABEL: Record<PolicyState, string> = { NOT_PUBLISHED: 'Not yet published', PUBLISHED: 'Published', RETIRED: 'Retired' };
export const POLICY_STATE_COLOUR: Record<PolicyState, string> = { NOT_PUBLISHED: 'gray', PUBLISHED: 'green', RETIRED: 'dark' };

/** Who must acknowledge, in words: "Everyone", or the units by name and the job roles. */
export function audienceLabel(audience: { everyone: boolean; unitIds: readonly string[]; jobRoles: readonly string[] }, unitNames: ReadonlyMap<string, string>): string {
  if (audience.everyone) return 'Everyone';
  const parts = [
    ...audience.unitIds.map((id) => unitNames.get(id) ?? 'a unit no longer in the register'),
    ...audience.jobRoles.map((role) => `job role “${role}”`),
  ];
  return parts.length > 0 ? parts.join(', ') : 'Nobody yet';
}

export type ReviewTone = 'overdue' | 'soon' | 'later' | 'none';

/** Whether a review is overdue, due within 30 days, or later. */
export function reviewTone(reviewDueOn: string | null | undefined, today: string): ReviewTone {
  if (!reviewDueOn) return 'none';
  if (reviewDueOn < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 30);
  return reviewDueOn <= soon.toISOString().slice(0, 10) ? 'soon' : 'later';
}

/** "1.4 MB" */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  // Rounded before the unit is chosen: 1,048,300 bytes reads "1.0 MB", not "1024 KB".
  if (Math.round(size / 1024) < 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
