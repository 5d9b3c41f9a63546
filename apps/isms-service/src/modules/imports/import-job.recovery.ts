import { BackgroundWorker, ServiceDeps } from '@iso27001/platform';
import { trackImport } from './import-job.service';
import { ImportJobRunner } from './import-job.runner';

/**
 * Picks up imports that no runner holds: queued jobs whose runner never started and running jobs whose process
 * died. Sweeps at start-up and then every `intervalMs`; the runner's lock makes a live job invisible to it.
 */
export function importJobRecovery(deps: ServiceDeps, intervalMs = 30_000): BackgroundWorker {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async (): Promise<void> => {
    const jobs: { id: string }[] = await deps.dataSource.query(
      `SELECT id FROM import_job WHERE status IN ('QUEUED', 'RUNNING') AND content IS NOT NULL AND updated_at < now() - interval '2 seconds' ORDER BY created_at`,
    );
    for (const { id } of jobs) trackImport(new ImportJobRunner(deps).run(id), deps, id);
  };
  const guardedSweep = (): void => {
    sweep().catch((error: unknown) => deps.logger.warn({ err: error }, 'import recovery sweep failed'));
  };
  return {
    name: 'import-job-recovery',
    async start() {
      guardedSweep();
      timer = setInterval(guardedSweep, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
