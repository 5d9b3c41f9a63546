import type { EvidenceFrequency } from '@iso27001/iso27001';
import type { EvidenceRequestStatus } from './evidence-request.entity';

/** The span of time a request's evidence covers. `end` is null for a one-off requirement. */
export interface RequestPeriod {
  key: string;
  start: string;
  end: string | null;
}

const DAY_MS = 86_400_000;

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A day plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function lastDayOfMonth(year: number, month: number): string {
  return dayOf(new Date(Date.UTC(year, month, 0))); // month is 1-based here: day 0 of the next month
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The period of a requirement that contains `day`: its calendar month, quarter or year; a one-off starts that day. */
export function periodOf(frequency: EvidenceFrequency, day: string): RequestPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (frequency) {
    case 'ONCE':
      return { key: 'ONCE', start: day, end: null };
    case 'MONTHLY':
      return { key: `${year}-${pad(month)}`, start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month) };
    case 'QUARTERLY': {
      const quarter = Math.ceil(month / 3);
      const first = (quarter - 1) * 3 + 1;
      return { key: `${year}-Q${quarter}`, start: `${year}-${pad(first)}-01`, end: lastDayOfMonth(year, first + 2) };
    }
    case 'YEARLY':
      return { key: `${year}`, start: `${year}-01-01`, end: `${year}-12-31` };
  }
}

/** The period after one (null for a one-off requirement, which has no next period). */
export function nextPeriod(frequency: EvidenceFrequency, period: RequestPeriod): RequestPeriod | null {
  if (frequency === 'ONCE' || !period.end) return null;
  return periodOf(frequency, addDays(period.end, 1));
}

/** Days after a period ends that its evidence is due: long enough to gather the period's records. */
export const DUE_AFTER_PERIOD_DAYS = 14;
/** Days a one-off request gives from the day it opens. */
export const DUE_AFTER_OPENING_DAYS = 30;

/** When a request opened on `openedDay` for `period` is due. */
export function dueDateOf(period: RequestPeriod, openedDay: string): string {
  if (!period.end) return addDays(openedDay, DUE_AFTER_OPENING_DAYS);
  const due = addDays(period.end, DUE_AFTER_PERIOD_DAYS);
  return due < openedDay ? addDays(openedDay, DUE_AFTER_PERIOD_DAYS) : due;
}

/** Statuses in which a request still waits for someone: they are re-assigned and cancelled with their implementation. */
export const LIVE_STATUSES: readonly EvidenceRequestStatus[] = ['OPEN', 'SUBMITTED', 'CHANGES_REQUESTED'];
/** Statuses in which the assignee has to act (and is reminded). */
export const AWAITING_ASSIGNEE: readonly EvidenceRequestStatus[] = ['OPEN', 'CHANGES_REQUESTED'];

export type RequestTransition = 'SUBMIT' | 'ACCEPT' | 'REQUEST_CHANGES' | 'CANCEL';

const TRANSITIONS: Readonly<Record<RequestTransition, { from: readonly EvidenceRequestStatus[]; to: EvidenceRequestStatus }>> = {
  SUBMIT: { from: AWAITING_ASSIGNEE, to: 'SUBMITTED' },
  ACCEPT: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  REQUEST_CHANGES: { from: ['SUBMITTED'], to: 'CHANGES_REQUESTED' },
  CANCEL: { from: LIVE_STATUSES, to: 'CANCELLED' },
};

/** The status a transition leads to from `status`, or null when the transition is not possible from there. */
export function transition(status: EvidenceRequestStatus, move: RequestTransition): EvidenceRequestStatus | null {
  const rule = TRANSITIONS[move];
  return rule.from.includes(status) ? rule.to : null;
}

export function allowedFrom(move: RequestTransition): readonly EvidenceRequestStatus[] {
  return TRANSITIONS[move].from;
}

export type ReminderKind = 'DUE_IN_7_DAYS' | 'DUE_IN_1_DAY' | 'OVERDUE';

/** Days before the due date at which the assignee is reminded. */
export const REMINDER_DAYS = { first: 7, last: 1 } as const;

/**
 * The reminder a request waiting for its assignee is due for on `today`: a week before, a day before, and once it is
 * overdue. A run that missed a window sends the latest one that applies, never the ones it skipped.
 */
export function reminderDue(dueDate: string, today: string): ReminderKind | null {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft < 0) return 'OVERDUE';
  if (daysLeft <= REMINDER_DAYS.last) return 'DUE_IN_1_DAY';
  if (daysLeft <= REMINDER_DAYS.first) return 'DUE_IN_7_DAYS';
  return null;
}

/** One key per reminder meant to reach one assignee once for one due date. */
export function reminderKey(requestId: string, assigneeId: string, dueDate: string, kind: ReminderKind): string {
  return `evidence-request:${requestId}:${assigneeId}:${dueDate}:${kind}`;
}
