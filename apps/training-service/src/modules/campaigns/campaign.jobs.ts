import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { dayOfRun } from '../assignments/assignment.jobs';
import { CampaignService } from './campaign.service';

export const ENROLMENT_JOB = 'training.campaign-enrolment';
export const ROUNDS_JOB = 'training.campaign-rounds';

/**
 * Campaign work on the job store: finishing a round a stopped process left ENROLLING (every minute and at start),
 * and opening the next round of recurring campaigns (daily).
 */
export function campaignJobs(deps: ServiceDeps): JobDefinition<ServiceDeps>[] {
  const campaigns = new CampaignService(deps);
  return [
    {
      name: ENROLMENT_JOB,
      cron: '* * * * *',
      runAtStart: true,
      handler: async (_deps, job) => {
        await campaigns.resumeEnrolments(job.id);
      },
    },
    {
      name: ROUNDS_JOB,
      cron: '20 0 * * *',
      runAtStart: true,
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const opened = await campaigns.openDueRounds(dayOfRun(job.data), job.id);
        if (opened > 0) deps.logger.info({ opened }, 'campaign rounds opened');
      },
    },
  ];
}
