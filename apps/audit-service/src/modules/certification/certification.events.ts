import { ScopeApproved } from '@iso27001/contracts';
import { JobDefinition, on, ServiceDeps } from '@iso27001/platform';
import { CertificationService } from './certification.service';

export const CERTIFICATION_REMINDERS_JOB = 'certification.reminders';

/** The approved scopes a cycle may certify, from isms-service. */
export function scopeApprovedHandler(deps: ServiceDeps) {
  const service = new CertificationService(deps);
  return on(ScopeApproved, (event, manager) => service.applyScopeApproved(manager, event));
}

/** Every morning: reminders ahead of each certification date (90, 30 and 7 days) and once it passed undone. */
export function certificationJobs(): JobDefinition<ServiceDeps>[] {
  return [
    {
      name: CERTIFICATION_REMINDERS_JOB,
      cron: '15 6 * * *',
      async handler(deps, job) {
        const today = typeof job.data['today'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(job.data['today']) ? job.data['today'] : undefined;
        const sent = await new CertificationService(deps).sendReminders(today);
        deps.logger.info({ sent }, 'certification reminders sent');
      },
    },
  ];
}
