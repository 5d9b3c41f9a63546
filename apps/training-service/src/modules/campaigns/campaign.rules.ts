import { CampaignRecurrence } from './campaign.entity';

/** Job roles compare trimmed, with single spaces and ignoring case (the same rule as policy audiences). */
export function normaliseJobRole(role: string): string {
  return role.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Adds whole calendar days to a `YYYY-MM-DD` date (UTC). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Adds calendar months to a `YYYY-MM-DD` date; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/** When a round opened on `day` is followed by the next one; null for a campaign that does not recur. */
export function nextRoundOn(day: string, recurrence: CampaignRecurrence, months: number | null): string | null {
  if (recurrence === 'YEARLY') return addMonths(day, 12);
  if (recurrence === 'MONTHS' && months) return addMonths(day, months);
  return null;
}

export type ReminderKind = 'DUE_IN_7_DAYS' | 'DUE_IN_1_DAY' | 'OVERDUE';

/**
 * Which reminder an open assignment is owed on `today`: a week ahead (2 to 7 days before the due date, so a missed
 * day still sends it), the day before (or on the day), and once past the due date. Null when none is due.
 */
export function reminderDue(dueOn: string, today: string): ReminderKind | null {
  if (dueOn < today) return 'OVERDUE';
  if (dueOn <= addDays(today, 1)) return 'DUE_IN_1_DAY';
  if (dueOn <= addDays(today, 7)) return 'DUE_IN_7_DAYS';
  return null;
}

/** One key per reminder meant to reach the person once: a new due date (a new round) is a new reminder. */
export function reminderKey(assignmentId: string, dueOn: string, kind: ReminderKind): string {
  return `training-assignment:${assignmentId}:${dueOn}:${kind}`;
}

/** Completed out of owed, in percent with one decimal; 0 when nothing is owed. */
export function completionRate(counts: { total: number; completed: number }): number {
  return counts.total === 0 ? 0 : Math.round((counts.completed / counts.total) * 1000) / 10;
}

/** An exemption needs a reason a reader can act on: at least 3 characters once trimmed. */
export function exemptReasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length < 3) return 'an exemption needs a reason (at least 3 characters)';
  if (trimmed.length > 1000) return 'the reason may be at most 1000 characters';
  return null;
}
