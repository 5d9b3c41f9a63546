import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { dayOf } from './evidence-request.rules';
import { EvidenceRequestService } from './evidence-request.service';

export const REMINDER_JOB = 'evidence.request-reminders';
export const NEXT_PERIOD_JOB = 'evidence.request-next-period';

/** The day a run works for: today (UTC), or the `asOf` day a run was sent with (catching up a missed day). */
function dayOfRun(data: Record<string, unknown>): string {
  const asOf = data['asOf'];
  if (typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  return dayOf(new Date());
}

/**
 * Scheduled work of evidence requests: reminders before the due date and once overdue (hourly, so a reminder goes
 * out the morning its day comes), and the next period's request once a periodic requirement's period has ended
 * (daily, shortly after midnight UTC, and at start after downtime).
 */
export function evidenceRequestJobs(deps: ServiceDeps): JobDefinition<ServiceDeps>[] {
  const requests = new EvidenceRequestService(deps);
  return [
    {
      name: REMINDER_JOB,
      cron: '15 * * * *',
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const sent = await requests.sendReminders(dayOfRun(job.data), job.id);
        if (sent > 0) deps.logger.info({ sent }, 'evidence request reminders sent');
      },
    },
    {
      name: NEXT_PERIOD_JOB,
      cron: '5 0 * * *',
      runAtStart: true,
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const opened = await requests.openNextPeriods(dayOfRun(job.data), job.id);
        if (opened > 0) deps.logger.info({ opened }, 'next-period evidence requests opened');
      },
    },
  ];
}
