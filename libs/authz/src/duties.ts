/** Why a caller may not approve a draft (segregation of duties), or null when they may. */
export type ApprovalConflict = 'submitter' | 'contributor';

/**
 * Segregation of duties: nobody approves what they submitted or contributed to (wrote, revised, changed the content
 * of). Subjects are compared exactly (`sub` of the token), e-mails case-insensitively when given.
 */
export function approvalConflict(
  approver: { sub: string; email?: string | null },
  draft: { submittedBy: string; submittedByEmail?: string | null; contributors: readonly string[]; contributorEmails?: readonly string[] },
): ApprovalConflict | null {
  const email = approver.email?.toLowerCase() ?? null;
  if (draft.submittedBy === approver.sub || (email !== null && draft.submittedByEmail?.toLowerCase() === email)) return 'submitter';
  if (draft.contributors.includes(approver.sub)) return 'contributor';
  if (email !== null && (draft.contributorEmails ?? []).some((candidate) => candidate.toLowerCase() === email)) return 'contributor';
  return null;
}
