import { BackgroundWorker, JobDefinition, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { collectorRegistryOf } from './collector.registry';
import { CollectorService } from './collector.service';

export const COLLECTOR_DISPATCH_JOB = 'evidence.collectors-dispatch';

/**
 * One dispatcher job, every minute, rather than one job-store schedule per configuration: configurations change at
 * run time (created, rescheduled, disabled) and live in this service's table with their next occurrence, so the
 * dispatcher claims the due ones with SKIP LOCKED and each occurrence runs once however many replicas are up.
 * `asOf` (ISO time) in a run's data dispatches as of that moment (catching up, and tests).
 */
export function collectorJobs(deps: ServiceDeps<EvidenceConfig>): JobDefinition<ServiceDeps>[] {
  return [
    {
      name: COLLECTOR_DISPATCH_JOB,
      cron: '* * * * *',
      retry: { limit: 2, delaySeconds: 30 },
      timeoutSeconds: 30 * 60,
      handler: async (_deps, job) => {
        const asOf = typeof job.data['asOf'] === 'string' && !Number.isNaN(Date.parse(job.data['asOf'])) ? new Date(job.data['asOf']) : new Date();
        const registry = await collectorRegistryOf(deps.config).ready;
        const runs = await new CollectorService(deps, registry).dispatch(asOf);
        if (runs.length > 0) deps.logger.info({ runs: runs.map((run) => ({ collector: run.collectorId, outcome: run.outcome })) }, 'collector runs finished');
      },
    },
  ];
}

/** Loads the collector packages at start; a package that is missing or does not meet the interface stops the start. */
export function collectorRegistryWorker(deps: ServiceDeps<EvidenceConfig>): BackgroundWorker {
  return {
    name: 'collector-registry',
    async start() {
      const registry = await collectorRegistryOf(deps.config).ready;
      deps.logger.info({ collectors: registry.list().map((entry) => `${entry.collector.id}@${entry.collector.version} (${entry.source})`) }, 'evidence collectors registered');
    },
    // Nothing to release: the registry holds no connections.
    stop: () => Promise.resolve(),
  };
}
