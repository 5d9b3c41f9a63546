import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import { randomBytes } from 'node:crypto';
import { databaseUrl } from '../../config';
import { createLogger } from '../../logger';
import { JobDefinition, jobsConfigSchema } from '../job-definition';
import { JobScheduler } from '../job-scheduler';

/**
 * The job facility against the real PostgreSQL: schedules fire, failures are retried and recorded, two instances
 * on one database run each occurrence once, and stop leaves no connection or handler behind.
 */
describe('JobScheduler on pg-boss', () => {
  // libs/testing builds on this library, so the database and the polling helper are local to this file.
  const serverUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = { name: `test_platform_jobs_${randomBytes(4).toString('hex')}` };
  const admin = async (sql: string): Promise<void> => {
    const connection = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
    await connection.connect();
    await connection.query(sql).finally(() => connection.end());
  };
  const eventually = async <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let url: string;
  let client: Client;
  const logger = createLogger('jobs-test', 'silent');
  const config = jobsConfigSchema.parse({ JOBS_POLL_SECONDS: '0.5', JOBS_CRON_CHECK_SECONDS: '1' });
  const schedulers: JobScheduler[] = [];

  const scheduler = (definitions: JobDefinition[], label = 'jobs-test'): JobScheduler => {
    const created = new JobScheduler<unknown>({ connectionString: url, service: label, definitions, deps: {}, logger, config });
    schedulers.push(created);
    return created;
  };

  /** Each handler run leaves a row here (instance, job id, start and end), through its own connection. */
  const recordRun = async (instance: string, job: string, ms = 0): Promise<void> => {
    const row = await client.query<{ id: number }>(`INSERT INTO run (instance, job_id) VALUES ($1, $2) RETURNING id`, [instance, job]);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    await client.query(`UPDATE run SET ended_at = clock_timestamp() WHERE id = $1`, [row.rows[0]!.id]);
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${database.name}"`);
    url = databaseUrl(serverUrl, database.name);
    client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE run (id serial PRIMARY KEY, instance text NOT NULL, job_id text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT clock_timestamp(), ended_at timestamptz)`);
  });

  afterEach(async () => {
    for (const each of schedulers.splice(0)) await each.stop();
    await client.query('TRUNCATE run');
  });

  afterAll(async () => {
    await client.end();
    await admin(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
  });

  it('runs a job on its cron schedule (UTC), with nothing sent by hand', async () => {
    const jobs = scheduler([{ name: 'tick', cron: '* * * * * *', handler: (_deps, job) => recordRun('a', job.id) }]);
    await jobs.start();
    const ran = await eventually('a scheduled run', async () => (await client.query<{ job_id: string }>('SELECT job_id FROM run')).rows[0]);
    const stored = await eventually('the run recorded as completed', async () => (await jobs.runs('tick')).find((run) => run.id === ran.job_id && run.state === 'completed'));
    expect(stored.data['trigger']).toBeUndefined(); // sent by the schedule, not by runJobNow or a start-up run
    expect((await client.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'tick'`)).rows).toEqual([{ cron: '* * * * * *', timezone: 'UTC' }]);
  });

  it('retries a failing job and records the failure once its retries are spent', async () => {
    let attempts = 0;
    const jobs = scheduler([
      {
        name: 'flaky',
        retry: { limit: 2, delaySeconds: 1, backoff: false },
        handler: async (_deps, job) => {
          attempts += 1;
          await recordRun('a', job.id);
          throw new Error(`collector unreachable (attempt ${job.retryCount + 1})`);
        },
      },
      {
        name: 'recovers',
        retry: { limit: 3, delaySeconds: 1, backoff: false },
        handler: async (_deps, job) => {
          if (job.retryCount < 1) throw new Error('first attempt fails');
          await recordRun('a', job.id);
        },
      },
    ]);
    await jobs.start();

    const failed = await jobs.runJobNow('flaky');
    expect(failed.state).toBe('failed');
    expect(failed.retryCount).toBe(2);
    expect(attempts).toBe(3);
    expect(failed.error).toBe('collector unreachable (attempt 3)');
    expect((await jobs.runs('flaky')).map((run) => run.state)).toEqual(['failed']);

    const recovered = await jobs.runJobNow('recovers');
    expect(recovered).toMatchObject({ state: 'completed', retryCount: 1, error: null });
  });

  it('runs each scheduled occurrence once with two instances on one database, never two runs at once', async () => {
    const definition = (instance: string): JobDefinition => ({
      name: 'sweep',
      cron: '* * * * * *', // due every second; the store files one run per one-minute slot
      handler: (_deps, job) => recordRun(instance, job.id, 300),
    });
    const first = scheduler([definition('a')], 'replica-a');
    const second = scheduler([definition('b')], 'replica-b');
    const startedAt = Date.now();
    await Promise.all([first.start(), second.start()]);
    // Both instances check the schedules every second: wait until five checks have passed after the first run.
    await eventually('a run of the sweep', async () => ((await client.query('SELECT 1 FROM run WHERE ended_at IS NOT NULL')).rowCount ?? 0) > 0);
    const passes = new Set<string>();
    await eventually('five more schedule checks', async () => {
      const { rows } = await client.query<{ cron_on: Date }>('SELECT cron_on FROM pgboss.version');
      passes.add(rows[0]!.cron_on.toISOString());
      return passes.size >= 6;
    });
    // Runs sent by hand from both instances at once queue behind each other instead of running side by side.
    await Promise.all([first.runJobNow('sweep'), second.runJobNow('sweep'), first.runJobNow('sweep')]);
    await Promise.all([first.stop(), second.stop()]);
    const stoppedAt = Date.now();

    const { rows } = await client.query<{ job_id: string; runs: string }>('SELECT job_id, count(*) AS runs FROM run GROUP BY job_id');
    expect(rows.every((row) => row.runs === '1')).toBe(true); // no job handled twice
    const jobs = await client.query<{ data: { trigger?: string } }>(`SELECT data FROM pgboss.job WHERE name = 'sweep'`);
    const fromSchedule = jobs.rows.filter((job) => job.data.trigger !== 'now').length;
    const minuteSlots = Math.floor(stoppedAt / 60_000) - Math.floor(startedAt / 60_000) + 1;
    // Each instance sending its own occurrence would give two scheduled runs per slot.
    expect(fromSchedule).toBeGreaterThanOrEqual(1);
    expect(fromSchedule).toBeLessThanOrEqual(minuteSlots);
    const overlaps = await client.query(
      `SELECT 1 FROM run a JOIN run b ON a.id < b.id AND a.started_at < b.ended_at AND b.started_at < a.ended_at`,
    );
    expect(overlaps.rowCount).toBe(0);
  });

  it('sends one start-up run when two instances start together', async () => {
    const definition = (instance: string): JobDefinition => ({ name: 'warm-up', runAtStart: true, handler: (_deps, job) => recordRun(instance, job.id) });
    const first = scheduler([definition('a')], 'replica-a');
    const second = scheduler([definition('b')], 'replica-b');
    await Promise.all([first.start(), second.start()]);
    await eventually('the start-up run', async () => (await first.runs('warm-up')).some((run) => run.state === 'completed'));
    const stored = await first.runs('warm-up');
    expect(stored).toHaveLength(1);
    const { rows } = await client.query('SELECT * FROM run');
    expect(rows).toHaveLength(1);
  });

  it('stops gracefully: a running handler finishes, then no worker takes a job and no connection stays open', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const jobs = scheduler([
      {
        name: 'slow',
        handler: async (_deps, job) => {
          await client.query(`INSERT INTO run (instance, job_id) VALUES ('a', $1)`, [job.id]);
          await gate;
          await client.query(`UPDATE run SET ended_at = clock_timestamp() WHERE job_id = $1`, [job.id]);
        },
      },
    ]);
    await jobs.start();
    const running = jobs.runJobNow('slow');
    await eventually('the slow job to start', async () => ((await client.query('SELECT 1 FROM run')).rowCount ?? 0) > 0);
    const stopped = jobs.stop();
    setTimeout(release, 300);
    await stopped;
    await expect(running).rejects.toThrow('not running'); // the waiter learns the scheduler is gone
    const { rows } = await client.query<{ ended_at: Date | null }>('SELECT ended_at FROM run');
    expect(rows[0]!.ended_at).not.toBeNull(); // the handler was allowed to finish

    // The pool is closed; the server drops the backends right after (polled: they leave pg_stat_activity asynchronously).
    await eventually(
      'no connection of the stopped scheduler',
      async () => (await client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'jobs-test:jobs'`, [database.name])).rowCount === 0,
      5_000,
    );

    // A job sent after the stop waits in the store: nothing in this process picks it up any more.
    const sender = new PgBoss({ connectionString: url, supervise: false, schedule: false });
    await sender.start();
    const id = await sender.send('slow', {});
    await sender.stop({ graceful: false });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // three poll intervals of a worker that would still be there
    const waiting = await client.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id]);
    expect(waiting.rows).toEqual([{ state: 'created' }]);
    expect((await client.query('SELECT count(*)::int AS n FROM run')).rows[0].n).toBe(1);
  });
});
