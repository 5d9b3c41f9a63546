import { createLogger } from '../../logger';
import { JobDefinition, jobsConfigSchema } from '../job-definition';
import { JobScheduler } from '../job-scheduler';

const options = (definitions: JobDefinition[]) => ({
  connectionString: 'postgres://postgres@127.0.0.1:5432/never_connected',
  service: 'spec',
  definitions,
  deps: {},
  logger: createLogger('spec', 'silent'),
  config: jobsConfigSchema.parse({}),
});
const handler = async (): Promise<void> => undefined;

describe('job declarations', () => {
  it('refuses a job name the job store cannot hold, and a name declared twice', () => {
    expect(() => new JobScheduler(options([{ name: 'evidence requests', handler }]))).toThrow('job name "evidence requests" must match');
    expect(() => new JobScheduler(options([{ name: 'sweep', handler }, { name: 'sweep', handler }]))).toThrow('job "sweep" is declared twice');
    expect(new JobScheduler(options([{ name: 'evidence.request-reminders', handler }, { name: 'evidence_expiry', handler }])).names).toEqual([
      'evidence.request-reminders',
      'evidence_expiry',
    ]);
  });

  it('refuses to run or list a job before start, or one that was never declared', async () => {
    const jobs = new JobScheduler(options([{ name: 'sweep', handler }]));
    await expect(jobs.runJobNow('sweep')).rejects.toThrow('the job scheduler is not running');
    await expect(jobs.runJobNow('expiry')).rejects.toThrow('no job named "expiry" (declared: sweep)');
  });

  it('reads its settings with defaults and refuses a polling interval below half a second', () => {
    expect(jobsConfigSchema.parse({})).toEqual({ JOBS_SCHEMA: 'pgboss', JOBS_POLL_SECONDS: 2, JOBS_CRON_CHECK_SECONDS: 30 });
    expect(jobsConfigSchema.safeParse({ JOBS_POLL_SECONDS: '0.1' }).success).toBe(false);
    expect(jobsConfigSchema.safeParse({ JOBS_SCHEMA: 'Jobs; DROP' }).success).toBe(false);
  });
});
