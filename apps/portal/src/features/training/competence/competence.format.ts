import type { CompetenceRecordKind } from '../../../gql/graphql';

export const RECORD_KINDS: { value: CompetenceRecordKind; label: string }[] = [
  { value: 'TRAINING', label: 'Training' },
  { value: 'QUALIFICATION', label: 'Qualification' },
  { value: 'EXPERIENCE', label: 'Experience' },
];

export function recordKindLabel(kind: CompetenceRecordKind): string {
  return RECORD_KINDS.find((option) => option.value === kind)?.label ?? kind;
}

/** A normalised job role ("customer service agent") as a heading ("Customer service agent"). */
export function jobRoleLabel(jobRole: string): string {
  return jobRole.charAt(0).toUpperCase() + jobRole.slice(1);
}
