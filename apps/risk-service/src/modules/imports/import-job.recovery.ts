import { databaseUrl, JobDefinition, ServiceDeps, tryWithAdvisoryLock } from '@iso27001/platform';
import { importJobLockKey } from './import-job.service';

export const IMPORT_RECOVERY_JOB = 'imports.recovery';

/**
 * Closes imports whose process died (a restart mid-import). The file is not kept, so such a job cannot be resumed:
 * it is marked FAILED with what was imported before the interruption, so nobody waits on it for ever. A live job
 * holds its advisory lock and is left alone. Runs at start-up and every minute on the job store.
 */
export function importJobRecovery(): JobDefinition<ServiceDeps> {
  return {
    name: IMPORT_RECOVERY_JOB,
    cron: '* * * * *',
    runAtStart: true,
    async handler(deps) {
      const connection = databaseUrl(deps.config.DATABASE_URL, deps.config.DATABASE_NAME);
      const jobs: { id: string }[] = await deps.dataSource.query(
        `SELECT id FROM risk_import_job WHERE status = 'RUNNING' AND created_at < now() - interval '10 seconds' ORDER BY created_at`,
      );
      for (const { id } of jobs) {
        // Taken only when its runner is gone.
        await tryWithAdvisoryLock(connection, importJobLockKey(id), async () => {
          await deps.dataSource.query(
            `UPDATE risk_import_job SET status = 'FAILED', finished_at = now(),
                    failure = format('interrupted by a restart after %s of %s rows (%s imported before it); import the remaining rows again', processed_rows, total_rows, imported_rows)
              WHERE id = $1 AND status = 'RUNNING'`,
            [id],
          );
          deps.logger.warn({ jobId: id }, 'closed an import interrupted by a restart');
        });
      }
    },
  };
}
