import type { EvidenceFrequency, EvidenceRequestAction, EvidenceRequestStatus } from '../../gql/graphql';
import { daysBetween } from './evidence.format';

export const REQUEST_STATUS_LABEL: Record<EvidenceRequestStatus, string> = {
  OPEN: 'Open',
  SUBMITTED: 'Submitted',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
  CANCELLED: 'Cancelled',
};

export const REQUEST_STATUS_COLOUR: Record<EvidenceRequestStatus, string> = {
  OPEN: 'blue',
  SUBMITTED: 'violet',
  CHANGES_REQUESTED: 'orange',
  ACCEPTED: 'green',
  CANCELLED: 'gray',
};

export const REQUEST_ACTION_LABEL: Record<EvidenceRequestAction, string> = {
  OPENED: 'Opened',
  REASSIGNED: 'Reassigned',
  SUBMITTED: 'Submitted',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
  CANCELLED: 'Cancelled',
};

export const FREQUENCY_LABEL: Record<EvidenceFrequency, string> = {
  ONCE: 'Once',
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  YEARLY: 'Yearly',
};

/** The statuses in which the department still owes the evidence (it has not handed it in, or must change it). */
export const AWAITING_EVIDENCE: readonly EvidenceRequestStatus[] = ['OPEN', 'CHANGES_REQUESTED'];

/** How urgent a request is on `today`: overdue once its due date has passed while evidence is still owed. */
export type Urgency = 'OVERDUE' | 'DUE_SOON' | 'ON_TIME' | 'DONE';

export function urgencyOf(request: { status: EvidenceRequestStatus; dueDate: string }, today: string, soonDays = 7): Urgency {
  if (!AWAITING_EVIDENCE.includes(request.status)) return 'DONE';
  const left = daysBetween(today, request.dueDate);
  if (left < 0) return 'OVERDUE';
  if (left <= soonDays) return 'DUE_SOON';
  return 'ON_TIME';
}

/** "overdue by 3 days", "due today", "due in 5 days"; nothing once the evidence is handed in. */
export function duePhrase(request: { status: EvidenceRequestStatus; dueDate: string }, today: string): string {
  if (!AWAITING_EVIDENCE.includes(request.status)) return '';
  const left = daysBetween(today, request.dueDate);
  if (left < -1) return `overdue by ${-left} days`;
  if (left === -1) return 'overdue by 1 day';
  if (left === 0) return 'due today';
  if (left === 1) return 'due tomorrow';
  return `due in ${left} days`;
}

/** Requests soonest due first, the overdue ones on top; the API pages them by due date already, this keeps a page stable. */
export function byDueDate<T extends { dueDate: string; id: string }>(requests: readonly T[]): T[] {
  return [...requests].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}

/** The title of evidence handed in for a request, e.g. "Restore test results — 2026-Q4". */
export function evidenceTitleFor(request: { period: string; requirement: { title: string } | null; controlId: string }): string {
  const what = request.requirement?.title ?? `Evidence for ${request.controlId}`;
  return request.period && request.period !== 'ONCE' ? `${what} — ${request.period}` : what;
}
