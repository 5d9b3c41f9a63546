import { Logger } from '../logger';

/** Work a service does besides answering requests and events. Started after the consumers, stopped before them;
 * must not hold the process open on its own. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A worker that runs `task` at start-up and then every `intervalMs`, logging (not throwing) a failed run. Its timer
 * never keeps the process alive.
 */
export function periodicWorker(name: string, intervalMs: number, task: () => Promise<void>, logger: Logger): BackgroundWorker {
  let timer: NodeJS.Timeout | null = null;
  const run = (): void => {
    task().catch((error: unknown) => logger.warn({ err: error, worker: name }, 'background work failed; it runs again at the next interval'));
  };
  return {
    name,
    async start() {
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
