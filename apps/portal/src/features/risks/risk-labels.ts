import type { RiskActionStatus, RiskStatus, RiskTreatment } from '../../gql/graphql';

/** The four ISO/IEC 27005 treatment options, in words, with what each means for the risk. */
export const TREATMENTS: readonly { value: RiskTreatment; label: string; description: string }[] = [
  { value: 'MODIFY', label: 'Modify', description: 'Apply Annex A controls that lower the likelihood or the impact.' },
  { value: 'AVOID', label: 'Avoid', description: 'Stop the activity that gives rise to the risk.' },
  { value: 'TRANSFER', label: 'Transfer', description: 'Share the risk with another party (insurance, a contract, a supplier).' },
  { value: 'ACCEPT', label: 'Accept', description: 'Retain the risk knowingly; the owner accepts it if it is above appetite.' },
];

export function treatmentLabel(treatment: RiskTreatment | string | null | undefined): string {
  if (!treatment) return 'Not treated yet';
  return TREATMENTS.find((t) => t.value === treatment)?.label ?? treatment;
}

export const STATUSES: readonly { value: RiskStatus; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'CLOSED', label: 'Closed' },
];

export function statusLabel(status: RiskStatus | string | null | undefined): string {
  return STATUSES.find((s) => s.value === status)?.label ?? (status ? String(status) : '—');
}

export const ACTION_STATUSES: readonly { value: RiskActionStatus; label: string }[] = [
  { value: 'PLANNED', label: 'Planned' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'DONE', label: 'Done' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

export function actionStatusLabel(status: RiskActionStatus | string | null | undefined): string {
  return ACTION_STATUSES.find((s) => s.value === status)?.label ?? (status ? String(status) : '—');
}

/** An action still to be done (neither done nor cancelled). */
export function actionOpen(status: RiskActionStatus | string): boolean {
  return status === 'PLANNED' || status === 'IN_PROGRESS';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
