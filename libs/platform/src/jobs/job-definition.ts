import { z } from 'zod';

/** One run of a job, as its handler sees it. */
export interface JobRun {
  /** The job's id in the job store (one per run; a retry keeps the id and counts up `retryCount`). */
  id: string;
  name: string;
  /** What the run was sent with: `{}` for a scheduled run, or what `runJobNow` passed. */
  data: Record<string, unknown>;
  /** 0 on the first attempt, then 1, 2, … on each retry. */
  retryCount: number;
  /** Aborted when the job expires or the service stops. */
  signal: AbortSignal;
}

export interface JobRetry {
  /** Attempts after the first one. Default 3. */
  limit?: number;
  /** Seconds before the first retry. Default 30. */
  delaySeconds?: number;
  /** Doubles the delay on each retry. Default true. */
  backoff?: boolean;
}

/**
 * Scheduled work a service declares (evidence expiry, reminders, opening the next periodic request …). It runs on the
 * job store in the service's own database, so a schedule survives restarts and each occurrence runs once however
 * many replicas are up.
 */
export interface JobDefinition<TDeps = unknown> {
  /** Queue name, unique in the service: letters, digits, `.`, `-`, `_` (e.g. `evidence.reminders`). */
  name: string;
  /** Cron expression in UTC (5 fields, or 6 with seconds first). Without it the job runs only when sent. */
  cron?: string;
  /** Also run once when the service starts (one run across replicas starting together). */
  runAtStart?: boolean;
  handler: (deps: TDeps, job: JobRun) => Promise<void>;
  retry?: JobRetry;
  /**
   * At most one run active at a time across all replicas, and at most one waiting behind it (pg-boss's `stately`
   * policy). Default true: scheduled sweeps must not overlap. Set false for jobs that may run side by side.
   */
  singleton?: boolean;
  /** How long a run may take before it counts as failed (and is retried). Default 15 minutes. */
  timeoutSeconds?: number;
}

export const JOB_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9._-]{0,99}$/;

/** Settings of the job facility, read from the same environment as the service's own. */
export const jobsConfigSchema = z.object({
  /** The schema in the service's database that holds the job store. */
  JOBS_SCHEMA: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores').default('pgboss'),
  /** How often an idle worker looks for work (seconds, ≥ 0.5). */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** How often schedules are checked for due occurrences (seconds). */
  JOBS_CRON_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
});

export type JobsConfig = z.infer<typeof jobsConfigSchema>;

/** The states a run ends in or passes through, as the job store names them. */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** What the job store holds about one run. */
export interface JobRecord {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  data: Record<string, unknown>;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** The error message of a failed attempt (no stack). */
  error: string | null;
}
