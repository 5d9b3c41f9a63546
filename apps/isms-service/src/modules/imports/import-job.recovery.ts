import { BackgroundWorker, periodicWorker, ServiceDeps } from '@iso27001/platform';
import { trackImport } from './import-job.service';
import { ImportJobRunner } from './import-job.runner';

/**
 * Picks up imports that no runner holds: queued jobs whose runner never started and running jobs whose process
 * died. Sweeps at start-up and then every `intervalMs`; the runner's lock makes a live job invisible to it.
 */
export function importJobRecovery(deps: ServiceDeps, intervalMs = 30_000): BackgroundWorker {
  return periodicWorker(
    'import-job-recovery',
    intervalMs,
    async () => {
      const jobs: { id: string }[] = await deps.dataSource.query(
        `SELECT id FROM import_job WHERE status IN ('QUEUED', 'RUNNING') AND content IS NOT NULL AND updated_at < now() - interval '2 seconds' ORDER BY created_at`,
      );
      for (const { id } of jobs) trackImport(new ImportJobRunner(deps).run(id), deps, id);
    },
    deps.logger,
  );
}
