import type { CompetenceRecordKind } from '../../../gql/graphql';

export interface RecordValues {
  personId: string | null;
  competenceId: string | null;
  kind: CompetenceRecordKind;
  title: string;
  obtainedOn: string;
  validUntil: string;
  issuer: string;
  evidenceItemId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks the API makes too, so most mistakes are named before anything is sent. */
export function recordErrors(values: RecordValues, today: string): Partial<Record<keyof RecordValues, string>> {
  const errors: Partial<Record<keyof RecordValues, string>> = {};
  if (!values.personId) errors.personId = 'Choose the person.';
  if (!values.competenceId) errors.competenceId = 'Choose the competence.';
  if (!values.title.trim()) errors.title = 'Say what shows the competence (a course, a certificate, a project).';
  else if (values.title.trim().length > 200) errors.title = 'At most 200 characters.';
  if (!values.obtainedOn) errors.obtainedOn = 'When was it obtained?';
  else if (values.obtainedOn > today) errors.obtainedOn = 'Record a competence once it is obtained: this date is in the future.';
  if (values.validUntil && values.obtainedOn && values.validUntil < values.obtainedOn) errors.validUntil = 'It cannot expire before it was obtained.';
  if (values.evidenceItemId.trim() && !UUID.test(values.evidenceItemId.trim())) errors.evidenceItemId = 'An evidence item id looks like 6d4f…-…: copy it from the evidence register.';
  return errors;
}
