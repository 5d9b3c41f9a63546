import { Client } from 'pg';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Logger } from '../logger';
import { prefixed } from './kafka';
import { OUTBOX_CHANNEL } from './outbox';

export interface RelayOptions {
  dataSource: DataSource;
  kafka: Kafka;
  connectionString: string;
  topicPrefix: string;
  logger: Logger;
  /** Fallback poll when no notification arrives (ms). */
  pollMs: number;
  batchSize?: number;
  /** Lock key shared by the replicas of one service: only one publishes at a time, so order per key holds. */
  lockKey: string;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  envelope: Record<string, unknown>;
}

const MAX_BACKOFF_MS = 10_000;

/** 250 ms doubling per failure, at most MAX_BACKOFF_MS: for publishing and for subscribing again alike. */
function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 6));
}

/**
 * Publishes committed outbox rows to Kafka in commit order. A broker outage leaves rows unpublished; the relay
 * backs off and resumes where it stopped, so no event is lost (at-least-once: consumers are idempotent).
 */
export class OutboxRelay {
  private producer: Producer | null = null;
  private listener: Client | null = null;
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private failures = 0;
  private published = 0;
  private resubscribing: Promise<void> | null = null;

  constructor(private readonly options: RelayOptions) {}

  get publishedCount(): number {
    return this.published;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Publishes what is pending, then stops. Called on shutdown after HTTP has drained. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    try {
      await this.drainOnce();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox relay could not flush on shutdown; rows stay for the next start');
    }
    await this.resubscribing;
    const listener = this.listener;
    this.listener = null;
    await this.producer?.disconnect().catch(() => undefined);
    await listener?.end().catch(() => undefined);
    this.producer = null;
  }

  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Subscribes to the outbox notifications on a connection of its own. When that connection is lost (a database
   * restart, a failover), the relay polls and subscribes again as soon as the database answers.
   */
  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.options.connectionString });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.listener === listener) this.listener = null;
      listener.end().catch(() => undefined);
      if (!this.running) return;
      this.options.logger.warn({ err: error?.message }, 'outbox listener connection lost; polling until it is subscribed again');
      this.resubscribe();
    };
    listener.on('notification', () => this.wake());
    listener.on('error', onLost);
    listener.on('end', () => onLost());
    try {
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      lost = true;
      await listener.end().catch(() => undefined);
      throw error;
    }
    this.listener = listener;
  }

  private resubscribe(): void {
    if (this.resubscribing) return;
    this.resubscribing = (async () => {
      for (let attempt = 0; this.running && !this.listener; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
        if (!this.running) break;
        try {
          await this.listen();
          this.options.logger.info({ attempts: attempt + 1 }, 'outbox listener subscribed again');
          this.wake(); // rows committed while nobody listened
        } catch {
          // the database is still unavailable: try again
        }
      }
    })().finally(() => {
      this.resubscribing = null;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        if (this.failures > 0) this.options.logger.info({ afterFailures: this.failures }, 'outbox relay resumed publishing');
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        await this.resetProducer();
        const backoff = backoffMs(this.failures);
        this.options.logger.warn({ err: (error as Error).message, attempt: this.failures, backoffMs: backoff }, 'outbox relay failed to publish; will retry');
        await this.sleep(backoff);
        continue;
      }
      if (published === 0) await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async ensureProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  /** Publishes pending rows batch by batch; returns how many it published. */
  private async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.publishBatch();
      total += count;
      if (count === 0) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    return this.options.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.options.lockKey]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        'SELECT seq, topic, message_key, envelope FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1',
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const row of rows) {
        const topic = prefixed(this.options.topicPrefix, row.topic);
        const messages = byTopic.get(topic) ?? [];
        messages.push({ key: row.message_key, value: JSON.stringify(row.envelope) });
        byTopic.set(topic, messages);
      }
      const producer = await this.ensureProducer();
      try {
        await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      } catch (error) {
        await this.options.dataSource.query(
          'UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
          [rows.map((row) => row.seq), (error as Error).message.slice(0, 2000)],
        );
        throw error;
      }
      await manager.query('UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)]);
      this.published += rows.length;
      return rows.length;
    });
  }
}
