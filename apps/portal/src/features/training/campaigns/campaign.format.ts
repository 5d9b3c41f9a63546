/** Words for a campaign's status, recurrence and audience, shared by the list and the detail. */
export const CAMPAIGN_STATUS_LABEL: Record<string, { label: string; colour: string }> = {
  DRAFT: { label: 'Draft', colour: 'gray' },
  ENROLLING: { label: 'Enrolling', colour: 'blue' },
  LAUNCHED: { label: 'Launched', colour: 'teal' },
  CLOSED: { label: 'Closed', colour: 'dark' },
};

export function recurrenceLabel(recurrence: string, months: number | null): string {
  if (recurrence === 'YEARLY') return 'Every year';
  if (recurrence === 'MONTHS' && months) return `Every ${months} month${months === 1 ? '' : 's'}`;
  return 'Once';
}

export function audienceLabel(campaign: { everyone: boolean; unitIds: readonly string[]; jobRoles: readonly string[] }, unitNames: ReadonlyMap<string, string>): string {
  if (campaign.everyone) return 'Everyone';
  const parts = [
    ...campaign.unitIds.map((id) => `${unitNames.get(id) ?? 'a unit'} (with sub-units)`),
    ...campaign.jobRoles.map((role) => `job role "${role}"`),
  ];
  return parts.join(', ') || '—';
}

/** Enrolment progress in percent (0 to 100) of the current round. */
export function progressPercent(campaign: { targetCount: number; enrolledCount: number }): number {
  return campaign.targetCount === 0 ? 0 : Math.min(100, Math.round((campaign.enrolledCount / campaign.targetCount) * 100));
}
