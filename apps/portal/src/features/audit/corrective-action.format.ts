import type { CorrectiveActionStatus } from '../../gql/graphql';

export const CORRECTIVE_ACTION_STATUS_LABEL: Record<CorrectiveActionStatus, string> = {
  OPEN: 'To plan',
  PLANNED: 'Planned',
  IMPLEMENTED: 'Implemented, to check',
  EFFECTIVE: 'Effective',
  NOT_EFFECTIVE: 'Not effective, to plan again',
};

export const CORRECTIVE_ACTION_STATUS_COLOUR: Record<CorrectiveActionStatus, string> = {
  OPEN: 'orange',
  PLANNED: 'blue',
  IMPLEMENTED: 'violet',
  EFFECTIVE: 'teal',
  NOT_EFFECTIVE: 'red',
};

/** The steps the owner (or an ISMS manager) takes from each status; the API refuses any other. */
export const MAY_PLAN: readonly CorrectiveActionStatus[] = ['OPEN', 'PLANNED', 'NOT_EFFECTIVE'];
