import { Client } from 'pg';
import { BackgroundWorker, databaseUrl, ServiceDeps } from '@iso27001/platform';
import { importJobLockKey } from './import-job.service';

/**
 * Closes imports whose process died (a restart mid-import). The file is not kept, so such a job cannot be resumed:
 * it is marked FAILED with what was imported before the interruption, so nobody waits on it for ever. A live job
 * holds its advisory lock and is left alone. Sweeps at start-up and every `intervalMs`.
 */
export function importJobRecovery(deps: ServiceDeps, intervalMs = 30_000): BackgroundWorker {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async (): Promise<void> => {
    const jobs: { id: string }[] = await deps.dataSource.query(
      `SELECT id FROM risk_import_job WHERE status = 'RUNNING' AND created_at < now() - interval '10 seconds' ORDER BY created_at`,
    );
    if (jobs.length === 0) return;
    const lock = new Client({ connectionString: databaseUrl(deps.config.DATABASE_URL, deps.config.DATABASE_NAME) });
    await lock.connect();
    try {
      for (const { id } of jobs) {
        const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [importJobLockKey(id)]);
        if (!rows[0]?.locked) continue; // its runner is alive
        try {
          await deps.dataSource.query(
            `UPDATE risk_import_job SET status = 'FAILED', finished_at = now(),
                    failure = format('interrupted by a restart after %s of %s rows (%s imported before it); import the remaining rows again', processed_rows, total_rows, imported_rows)
              WHERE id = $1 AND status = 'RUNNING'`,
            [id],
          );
          deps.logger.warn({ jobId: id }, 'closed an import interrupted by a restart');
        } finally {
          await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [importJobLockKey(id)]);
        }
      }
    } finally {
      await lock.end().catch(() => undefined);
    }
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
