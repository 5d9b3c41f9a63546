import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { EvidenceExpiryService } from './evidence-expiry.service';
import { dayOf } from './evidence-item.rules';

export const EXPIRY_JOB = 'evidence.expiry';

/**
 * Freshness: accepted evidence past its validity is marked EXPIRED daily shortly after midnight UTC (the first day it
 * no longer counts), and at start so a service that was down at midnight catches up. A run sent with `asOf`
 * (`YYYY-MM-DD`) expires what was due before that day instead of today.
 */
export function evidenceExpiryJobs(deps: ServiceDeps): JobDefinition<ServiceDeps>[] {
  const expiry = new EvidenceExpiryService(deps);
  return [
    {
      name: EXPIRY_JOB,
      cron: '1 0 * * *',
      runAtStart: true,
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const asOf = job.data['asOf'];
        await expiry.expireDue(typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : dayOf(new Date()));
      },
    },
  ];
}
