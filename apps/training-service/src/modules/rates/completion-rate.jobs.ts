import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { dayOfRun } from '../assignments/assignment.jobs';
import { CompletionRateService } from './completion-rate.service';

export const SNAPSHOT_JOB = 'training.completion-snapshot';

/** Records each campaign's completion for the trend charts: daily, late in the day UTC (and on demand). */
export function completionRateJobs(deps: ServiceDeps): JobDefinition<ServiceDeps>[] {
  const rates = new CompletionRateService(deps);
  return [
    {
      name: SNAPSHOT_JOB,
      cron: '50 23 * * *',
      retry: { limit: 3, delaySeconds: 60 },
      handler: async (_deps, job) => {
        await rates.snapshot(dayOfRun(job.data));
      },
    },
  ];
}
