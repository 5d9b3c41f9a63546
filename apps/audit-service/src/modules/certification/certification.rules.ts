/** `YYYY-MM-DD` plus whole years, months and days (UTC calendar; 29 Feb plus a year is 1 Mar). */
export function shiftDate(day: string, { years = 0, months = 0, days = 0 }: { years?: number; months?: number; days?: number }): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1 + months, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A certificate is valid three years: to the day before the third anniversary of its issue. */
export function certificateExpiry(issuedOn: string): string {
  return shiftDate(issuedOn, { years: 3, days: -1 });
}

/** How long before expiry the recertification audit is due, so the certification decision can be taken in time. */
export const RECERTIFICATION_LEAD_DAYS = 90;

export type CycleDateKind = 'SURVEILLANCE_1' | 'SURVEILLANCE_2' | 'RECERTIFICATION' | 'EXPIRY';

/**
 * The dates a certificate sets: surveillance audits within the first and the second year after issue,
 * recertification before expiry, and the expiry itself.
 */
export function cycleDates(issuedOn: string, expiresOn: string): Record<CycleDateKind, string> {
  return {
    SURVEILLANCE_1: shiftDate(issuedOn, { years: 1, days: -1 }),
    SURVEILLANCE_2: shiftDate(issuedOn, { years: 2, days: -1 }),
    RECERTIFICATION: shiftDate(expiresOn, { days: -RECERTIFICATION_LEAD_DAYS }),
    EXPIRY: expiresOn,
  };
}

/** Reminders go this many days ahead of each date, and once when it has passed undone. */
export const REMINDER_DAYS = [90, 30, 7] as const;

/**
 * Which reminder of a date is due today, if any: the nearest window reached (so a job that missed a day still sends
 * it, once), `overdue` once the date passed while the work is not done, null otherwise.
 */
export function reminderDue(date: string, today: string, done: boolean): string | null {
  if (done) return null;
  const left = daysBetween(today, date);
  if (left < 0) return 'overdue';
  const window = [...REMINDER_DAYS].sort((a, b) => a - b).find((days) => left <= days);
  return window === undefined ? null : `in-${window}`;
}

export interface RecommendationFinding {
  id: string;
  severity: string;
  status: string;
  correctiveActionStatus: string | null;
}

/**
 * What stands in the way of recommending certification: any open major nonconformity, and any open minor one without
 * a planned corrective action. Observations and opportunities never block.
 */
export function recommendationBlockers(findings: readonly RecommendationFinding[]): string[] {
  const blockers: string[] = [];
  for (const finding of findings) {
    if (finding.status !== 'OPEN') continue;
    if (finding.severity === 'MAJOR_NONCONFORMITY') blockers.push(`major nonconformity ${finding.id} is open`);
    else if (finding.severity === 'MINOR_NONCONFORMITY' && (finding.correctiveActionStatus === null || finding.correctiveActionStatus === 'OPEN' || finding.correctiveActionStatus === 'NOT_EFFECTIVE')) {
      blockers.push(`minor nonconformity ${finding.id} has no accepted plan`);
    }
  }
  return blockers;
}
