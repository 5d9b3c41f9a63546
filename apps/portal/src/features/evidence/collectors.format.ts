import type { CollectorRunOutcome, CollectorRunTrigger } from '../../gql/graphql';

export const RUN_OUTCOME_LABEL: Record<CollectorRunOutcome, string> = { RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed', PARTIAL: 'Partly recorded' };
export const RUN_OUTCOME_COLOUR: Record<CollectorRunOutcome, string> = { RUNNING: 'blue', SUCCEEDED: 'green', FAILED: 'red', PARTIAL: 'orange' };
export const RUN_TRIGGER_LABEL: Record<CollectorRunTrigger, string> = { SCHEDULE: 'Schedule', MANUAL: 'Run now' };

/** Who started a run, in words (`system:collector-schedule` is the schedule). */
export function startedByLabel(startedBy: string): string {
  return startedBy.startsWith('system:') ? 'the schedule' : startedBy;
}
