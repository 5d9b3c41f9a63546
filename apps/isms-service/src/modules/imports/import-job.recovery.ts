import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { trackImport } from './import-job.service';
import { ImportJobRunner } from './import-job.runner';

export const IMPORT_RECOVERY_JOB = 'imports.recovery';

/**
 * Picks up imports that no runner holds: queued jobs whose runner never started and running jobs whose process
 * died. Runs at start-up and every minute on the job store; the runner's lock makes a live job invisible to it, so
 * a job resumed here by one replica is not resumed by another.
 */
export function importJobRecovery(): JobDefinition<ServiceDeps> {
  return {
    name: IMPORT_RECOVERY_JOB,
    cron: '* * * * *',
    runAtStart: true,
    async handler(deps) {
      const jobs: { id: string }[] = await deps.dataSource.query(
        `SELECT id FROM import_job WHERE status IN ('QUEUED', 'RUNNING') AND content IS NOT NULL AND updated_at < now() - interval '2 seconds' ORDER BY created_at`,
      );
      // Resumed runs go on in this process after the sweep; each holds its own lock while it works.
      for (const { id } of jobs) trackImport(new ImportJobRunner(deps).run(id), deps, id);
    },
  };
}
