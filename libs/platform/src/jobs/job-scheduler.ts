import { PgBoss } from 'pg-boss';
import type { JobWithMetadata } from 'pg-boss';
import { Logger } from '../logger';
import { JOB_NAME_PATTERN, JobDefinition, JobRecord, JobsConfig, JobState } from './job-definition';

const FINISHED: JobState[] = ['completed', 'failed', 'cancelled'];

export class JobError extends Error {}

export interface JobSchedulerOptions<TDeps> {
  /** The service's own database (the job store lives in `config.JOBS_SCHEMA` there). */
  connectionString: string;
  /** e.g. `evidence-service`: names the connections (`application_name`) and the log lines. */
  service: string;
  definitions: JobDefinition<TDeps>[];
  deps: TDeps;
  logger: Logger;
  config: JobsConfig;
}

/** The error of a failed attempt as the job store keeps it, reduced to its message. */
function errorOf(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  return null;
}

function record(job: JobWithMetadata<Record<string, unknown>>): JobRecord {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    retryCount: job.retryCount,
    data: job.data ?? {},
    createdOn: job.createdOn,
    startedOn: job.startedOn ?? null,
    completedOn: job.completedOn ?? null,
    error: job.state === 'completed' ? null : errorOf(job.output),
  };
}

/** What a running service offers about its jobs (to tests and operators): run one now, read its runs. */
export interface JobControl {
  readonly names: string[];
  runJobNow(name: string, data?: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<JobRecord>;
  waitFor(name: string, id: string, timeoutMs?: number): Promise<JobRecord>;
  runs(name: string): Promise<JobRecord[]>;
}

/**
 * Runs a service's scheduled work on pg-boss in the service's own database: one queue per job, cron schedules that
 * are cluster-wide (each occurrence is sent once whichever replica's clock fires first), workers that retry with
 * back-off, and a graceful stop that lets running handlers finish. Nothing is timed by hand here.
 */
export class JobScheduler<TDeps = unknown> implements JobControl {
  private boss: PgBoss | null = null;
  private readonly definitions = new Map<string, JobDefinition<TDeps>>();

  constructor(private readonly options: JobSchedulerOptions<TDeps>) {
    for (const definition of options.definitions) {
      if (!JOB_NAME_PATTERN.test(definition.name)) throw new JobError(`job name "${definition.name}" must match ${JOB_NAME_PATTERN}`);
      if (this.definitions.has(definition.name)) throw new JobError(`job "${definition.name}" is declared twice`);
      this.definitions.set(definition.name, definition);
    }
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const { connectionString, service, config, logger } = this.options;
    const boss = new PgBoss({
      connectionString,
      schema: config.JOBS_SCHEMA,
      application_name: `${service}:jobs`,
      max: 4,
      // How often one instance (whichever claims the pass) looks for due occurrences, and how soon they are sent.
      cronMonitorIntervalSeconds: config.JOBS_CRON_CHECK_SECONDS,
      cronWorkerIntervalSeconds: Math.min(5, config.JOBS_CRON_CHECK_SECONDS),
    });
    boss.on('error', (error: unknown) => logger.error({ err: error }, 'job store error'));
    await boss.start();
    this.boss = boss;
    try {
      for (const definition of this.definitions.values()) await this.register(boss, definition);
      // A job the code no longer declares keeps no schedule sending runs nobody works.
      for (const schedule of await boss.getSchedules()) {
        if (!this.definitions.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
      }
    } catch (error) {
      this.boss = null;
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      throw error;
    }
  }

  private async register(boss: PgBoss, definition: JobDefinition<TDeps>): Promise<void> {
    const { config, deps, logger } = this.options;
    const settings = {
      retryLimit: definition.retry?.limit ?? 3,
      retryDelay: definition.retry?.delaySeconds ?? 30,
      retryBackoff: definition.retry?.backoff ?? true,
      expireInSeconds: definition.timeoutSeconds ?? 15 * 60,
    };
    if (await boss.getQueue(definition.name)) await boss.updateQueue(definition.name, settings);
    else await boss.createQueue(definition.name, { ...settings, policy: definition.singleton === false ? 'standard' : 'stately' });

    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
    else if (await boss.getSchedule(definition.name)) await boss.unschedule(definition.name); // a schedule dropped from the code

    await boss.work<Record<string, unknown>>(definition.name, { pollingIntervalSeconds: config.JOBS_POLL_SECONDS }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        try {
          await definition.handler(deps, { id: job.id, name: job.name, data: job.data ?? {}, retryCount: job.retryCount, signal: job.signal });
          logger.debug({ job: definition.name, id: job.id, ms: Date.now() - started }, 'job done');
        } catch (error) {
          logger.warn({ err: error, job: definition.name, id: job.id, attempt: job.retryCount + 1 }, 'job failed');
          throw error;
        }
      }
    });

    // Replicas starting together send one start-up run: the sends are throttled to one per minute.
    if (definition.runAtStart) await boss.sendThrottled(definition.name, { trigger: 'start' }, null, 60, 'start');
  }

  private started(): PgBoss {
    if (!this.boss) throw new JobError('the job scheduler is not running');
    return this.boss;
  }

  private known(name: string): void {
    if (!this.definitions.has(name)) throw new JobError(`no job named "${name}" (declared: ${this.names.join(', ') || 'none'})`);
  }

  /**
   * Sends a run of a job now, through the same queue and workers as its schedule, and waits until it has finished
   * (completed, or failed after its retries). If a run is already waiting in a singleton queue, waits for that one.
   */
  async runJobNow(name: string, data: Record<string, unknown> = {}, { timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<JobRecord> {
    this.known(name);
    const boss = this.started();
    const deadline = Date.now() + timeoutMs;
    let id: string | null = null;
    while (!id) {
      id = await boss.send(name, { ...data, trigger: 'now' });
      // Refused because a run already waits in this singleton queue: wait for that one (unless it has just started).
      id ??= (await boss.findJobs<Record<string, unknown>>(name, { queued: true })).at(0)?.id ?? null;
      if (!id && Date.now() > deadline) throw new JobError(`job "${name}" could not be sent within ${timeoutMs} ms`);
      if (!id) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.waitFor(name, id, Math.max(1, deadline - Date.now()));
  }

  /** Waits until the run `id` of job `name` has finished, polling the job store. */
  async waitFor(name: string, id: string, timeoutMs = 60_000): Promise<JobRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const boss = this.started(); // a stop while waiting ends the wait with "not running"
      const job = await boss.findJobs<Record<string, unknown>>(name, { id }).then(
        (jobs) => jobs.at(0),
        (error: unknown) => {
          if (!this.boss) throw new JobError('the job scheduler is not running (stopped while waiting)');
          throw error;
        },
      );
      if (job && FINISHED.includes(job.state)) return record(job);
      if (Date.now() > deadline) throw new JobError(`job "${name}" (${id}) had not finished after ${timeoutMs} ms (state ${job?.state ?? 'unknown'})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The runs of a job the store still holds (newest first): their state, attempts and the error of a failure. */
  async runs(name: string): Promise<JobRecord[]> {
    this.known(name);
    const jobs = await this.started().findJobs<Record<string, unknown>>(name, { limit: 1000 });
    return jobs.map(record).sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime());
  }

  /** Stops fetching, lets running handlers finish (up to `timeoutMs`) and closes the job store's connections. */
  async stop({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = null;
    await boss.stop({ graceful: true, close: true, timeout: timeoutMs });
  }
}
