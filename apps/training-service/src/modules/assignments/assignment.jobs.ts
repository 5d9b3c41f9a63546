import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { AssignmentScheduleService } from './assignment-schedule.service';
import { todayUtc } from './assignment.rules';

export const OVERDUE_JOB = 'training.assignment-overdue';

/** The day a run works for: today (UTC), or the `asOf` day it was sent with (catching up, tests). */
export function dayOfRun(data: Record<string, unknown>): string {
  const asOf = data['asOf'];
  if (typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  return todayUtc();
}

/** Daily shortly after midnight UTC (and at start, after downtime): marks overdue work, then sends the reminders due. */
export function assignmentJobs(deps: ServiceDeps): JobDefinition<ServiceDeps>[] {
  const schedule = new AssignmentScheduleService(deps);
  return [
    {
      name: OVERDUE_JOB,
      cron: '10 0 * * *',
      runAtStart: true,
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const today = dayOfRun(job.data);
        const overdue = await schedule.markOverdue(today, job.id);
        const reminded = await schedule.sendReminders(today, job.id);
        if (overdue + reminded > 0) deps.logger.info({ overdue, reminded }, 'training assignments swept');
      },
    },
  ];
}
