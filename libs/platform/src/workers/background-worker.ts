/** Work a service does besides answering requests and events. Started after the consumers, stopped before them;
 * must not hold the process open on its own. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
