import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { Envelope, envelopeSchema, EventDefinition } from '@iso27001/contracts';
import { isTransientDatabaseError } from '../database/availability';
import { Logger } from '../logger';
import { DEFAULT_PARTITIONS, ensureTopics, prefixed } from './kafka';

/** A typed handler bound to one event type and its schema. It runs inside the consumer's transaction. */
export interface EventHandler<TData = unknown> {
  readonly event: EventDefinition<TData>;
  handle(envelope: Envelope<TData>, manager: EntityManager): Promise<void>;
  /**
   * Handles consecutive events of its type from one batch at once (set-based), in the order they arrived. When it
   * is there, the consumer calls it instead of `handle` for each run of such events.
   */
  handleMany?(envelopes: readonly Envelope<TData>[], manager: EntityManager): Promise<void>;
}

export function on<TData>(event: EventDefinition<TData>, handle: EventHandler<TData>['handle']): EventHandler<TData> {
  return { event, handle };
}

/** A handler that takes the events of a batch together (e.g. one upsert for a thousand replicated rows). */
export function onMany<TData>(event: EventDefinition<TData>, handleMany: NonNullable<EventHandler<TData>['handleMany']>): EventHandler<TData> {
  return { event, handleMany, handle: (envelope, manager) => handleMany([envelope], manager) };
}

export interface ConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  /** The consuming service: also its consumer group, shared by all its replicas. */
  service: string;
  topicPrefix: string;
  handlers: EventHandler<never>[] | EventHandler<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Attempts of an event whose handler keeps failing for a reason other than an unavailable database. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  retryBaseMs?: number;
  /** Longest wait between two checks whether the database is back. */
  maxWaitMs?: number;
  /** Events handled in one transaction (default 250). */
  batchSize?: number;
}

/** Raised by a handler for input that can never succeed: parked at once instead of retried. */
export class PermanentEventError extends Error {}

/** The consumer is stopping or lost its partitions while it waited: the batch is left for the next owner. */
class BatchAbandoned extends Error {}

export function deadLetterTopic(service: string): string {
  return `dlq.${service}.v1`;
}

interface Decoded {
  message: KafkaMessage;
  event: Envelope<unknown>;
  handler: EventHandler<unknown>;
}

type Decoding = { kind: 'handle'; item: Decoded } | { kind: 'park'; reason: string } | { kind: 'skip' };

/**
 * Consumes the topics of its handlers as one consumer group, in batches per partition: the events of a batch are
 * handled in order in one transaction that also records their ids (set-based), and the partition's offset is
 * committed only after that transaction. Each event takes effect at most once per service.
 *
 * A batch whose transaction fails is handled again event by event, so one bad event does not hold back the others.
 * An event is parked on the service's dead-letter topic, with the reason, only when it can never be handled:
 * malformed, invalid data, a permanent domain error, or a handler that still fails after `maxAttempts`. While the
 * database is unavailable nothing is parked: the consumer stops taking work from the partition, checks until the
 * database is back, and carries on where it stopped.
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private handled = 0;
  private parked = 0;
  private batches = 0;
  private readonly byType = new Map<string, EventHandler<unknown>>();

  constructor(private readonly options: ConsumerOptions) {
    for (const handler of options.handlers as EventHandler<unknown>[]) {
      const key = `${handler.event.type}@${handler.event.version}`;
      if (this.byType.has(key)) throw new Error(`two handlers for ${key} in ${options.service}`);
      this.byType.set(key, handler);
    }
  }

  get stats(): { handled: number; parked: number; batches: number } {
    return { handled: this.handled, parked: this.parked, batches: this.batches };
  }

  private get dlqTopic(): string {
    return prefixed(this.options.topicPrefix, deadLetterTopic(this.options.service));
  }

  async start(): Promise<void> {
    const { kafka, topicPrefix, service } = this.options;
    const topics = [...new Set([...this.byType.values()].map((handler) => prefixed(topicPrefix, handler.event.topic)))];
    if (topics.length === 0) return;
    await ensureTopics(kafka, [...topics, this.dlqTopic]);
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    this.consumer = kafka.consumer({
      groupId: prefixed(topicPrefix, service),
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      // Offsets are resolved by hand, after the transaction that handled the events committed.
      eachBatchAutoResolve: false,
      autoCommit: true,
      // Partitions are handled in parallel; order holds per partition, hence per subject (the message key).
      partitionsConsumedConcurrently: DEFAULT_PARTITIONS,
      eachBatch: async (payload) => {
        try {
          await this.processBatch(payload);
        } catch (error) {
          if (error instanceof BatchAbandoned) return; // unresolved offsets are delivered again
          throw error;
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const size = this.options.batchSize ?? 250;
    const alive = (): boolean => isRunning() && !isStale();
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!alive()) return;
      const chunk = batch.messages.slice(start, start + size);
      await this.processChunk(batch.topic, batch.partition, chunk, { heartbeat, alive });
      resolveOffset(chunk[chunk.length - 1]!.offset); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private async processChunk(topic: string, partition: number, chunk: KafkaMessage[], control: Control): Promise<void> {
    const work: Decoded[] = [];
    for (const message of chunk) {
      const decoded = this.decode(message);
      if (decoded.kind === 'park') await this.park(topic, partition, message, decoded.reason, 0);
      else if (decoded.kind === 'handle') work.push(decoded.item);
    }
    if (work.length === 0) return;
    for (;;) {
      try {
        await this.handleTogether(work);
        this.batches += 1;
        return;
      } catch (error) {
        if (await this.unavailable(error)) {
          await this.waitForDatabase(error, control);
          continue;
        }
        if (work.length === 1) break;
        this.options.logger.info({ topic, partition, events: work.length, err: (error as Error).message }, 'a batch failed; handling its events one by one');
        break;
      }
    }
    for (const item of work) await this.handleAlone(topic, partition, item, control);
  }

  private decode(message: KafkaMessage): Decoding {
    const raw = message.value?.toString('utf8') ?? '';
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { kind: 'park', reason: 'message is not JSON' };
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) return { kind: 'park', reason: `envelope invalid: ${describe(envelope.error.issues)}` };
    const handler = this.byType.get(`${envelope.data.type}@${envelope.data.version}`);
    if (!handler) return { kind: 'skip' }; // another consumer's event on a shared topic
    const data = handler.event.schema.safeParse(envelope.data.data);
    if (!data.success) return { kind: 'park', reason: `${envelope.data.type} v${envelope.data.version} data invalid: ${describe(data.error.issues)}` };
    return { kind: 'handle', item: { message, handler, event: Object.freeze({ ...envelope.data, data: data.data }) as Envelope<unknown> } };
  }

  /** Handles the events in order in one transaction; the ones already handled (redeliveries) are skipped. */
  private async handleTogether(work: Decoded[]): Promise<void> {
    const handled = await this.options.dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO consumed_event (consumer, event_id, type)
         SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.service, work.map((item) => item.event.id), work.map((item) => item.event.type)],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      const done: string[] = [];
      // Consecutive events for a handler that takes many are handled together; the others one by one. Events
      // handled before, or twice in this batch, are left out.
      for (let start = 0; start < work.length; ) {
        const { handler } = work[start] as Decoded;
        let end = start + 1;
        if (handler.handleMany) while (end < work.length && (work[end] as Decoded).handler === handler) end += 1;
        const run = work.slice(start, end).map((item) => item.event).filter((event) => fresh.delete(event.id));
        start = end;
        if (run.length === 0) continue;
        if (handler.handleMany) await handler.handleMany(run, manager);
        else await handler.handle(run[0] as Envelope<unknown>, manager);
        done.push(...run.map((event) => event.id));
      }
      if (done.length > 0) {
        // When the work was done, not when the transaction began: what lag measurements read.
        await manager.query('UPDATE consumed_event SET consumed_at = clock_timestamp() WHERE consumer = $1 AND event_id = ANY($2::uuid[])', [this.options.service, done]);
      }
      return done.length;
    });
    this.handled += handled;
  }

  private async handleAlone(topic: string, partition: number, item: Decoded, control: Control): Promise<void> {
    const retryBase = this.options.retryBaseMs ?? 200;
    for (let attempt = 1; ; ) {
      try {
        await this.handleTogether([item]);
        return;
      } catch (error) {
        if (await this.unavailable(error)) {
          await this.waitForDatabase(error, control);
          continue; // an outage is not an attempt
        }
        const reason = (error as Error).message;
        if (error instanceof PermanentEventError || attempt >= this.options.maxAttempts) {
          return this.park(topic, partition, item.message, reason, attempt);
        }
        this.options.logger.warn({ type: item.event.type, eventId: item.event.id, attempt, err: reason }, 'event handler failed; retrying');
        await this.pause(retryBase * 2 ** (attempt - 1), control);
        attempt += 1;
      }
    }
  }

  /** The failure came from the database, not from the event: it is retried for as long as it takes. */
  private async unavailable(error: unknown): Promise<boolean> {
    if (error instanceof PermanentEventError) return false;
    if (isTransientDatabaseError(error)) return true;
    try {
      await this.options.dataSource.query('SELECT 1');
      return false;
    } catch {
      return true; // the database does not answer at all
    }
  }

  private async waitForDatabase(cause: unknown, control: Control): Promise<void> {
    const maxWait = this.options.maxWaitMs ?? 5_000;
    const started = Date.now();
    let lastLog = 0;
    for (let wait = this.options.retryBaseMs ?? 200; ; wait = Math.min(maxWait, wait * 2)) {
      if (Date.now() - lastLog > 30_000) {
        lastLog = Date.now();
        this.options.logger.warn({ err: (cause as Error).message, waitingMs: lastLog - started }, 'database unavailable: event consumption paused until it is back');
      }
      await this.pause(wait, control);
      try {
        await this.options.dataSource.query('SELECT 1');
        this.options.logger.info({ afterMs: Date.now() - started }, 'database available again: event consumption resumes');
        return;
      } catch {
        // still unavailable
      }
    }
  }

  /** Waits, keeping the group membership alive; gives the batch up when the consumer stops or loses it. */
  private async pause(ms: number, control: Control): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (!control.alive()) throw new BatchAbandoned('consumer stopping or partitions reassigned');
    try {
      await control.heartbeat();
    } catch (error) {
      this.options.logger.info({ err: (error as Error).message }, 'heartbeat failed while waiting; the batch is left for redelivery');
      throw new BatchAbandoned((error as Error).message);
    }
  }

  private async park(topic: string, partition: number, message: KafkaMessage, reason: string, attempts: number): Promise<void> {
    this.options.logger.error({ topic, partition, offset: message.offset, reason, attempts }, 'event parked on the dead-letter topic');
    await this.producer!.send({ // eslint-disable-line @typescript-eslint/no-non-null-assertion
      topic: this.dlqTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'dlq-reason': reason.slice(0, 4000),
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-attempts': String(attempts),
            'dlq-consumer': this.options.service,
            'dlq-parked-at': new Date().toISOString(),
          },
        },
      ],
    });
    this.parked += 1;
  }
}

interface Control {
  heartbeat(): Promise<void>;
  alive(): boolean;
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
