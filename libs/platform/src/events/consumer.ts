import { Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { Envelope, envelopeSchema, EventDefinition } from '@iso27001/contracts';
import { Logger } from '../logger';
import { DEFAULT_PARTITIONS, ensureTopics, prefixed } from './kafka';

/** A typed handler bound to one event type and its schema. It runs inside the consumer's transaction. */
export interface EventHandler<TData = unknown> {
  readonly event: EventDefinition<TData>;
  handle(envelope: Envelope<TData>, manager: EntityManager): Promise<void>;
}

export function on<TData>(event: EventDefinition<TData>, handle: EventHandler<TData>['handle']): EventHandler<TData> {
  return { event, handle };
}

export interface ConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  /** The consuming service: also its consumer group, shared by all its replicas. */
  service: string;
  topicPrefix: string;
  handlers: EventHandler<never>[] | EventHandler<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  retryBaseMs?: number;
}

/** Raised by a handler for input that can never succeed: parked at once instead of retried. */
export class PermanentEventError extends Error {}

export function deadLetterTopic(service: string): string {
  return `dlq.${service}.v1`;
}

/**
 * Consumes the topics of its handlers as one consumer group. Each event is handled at most once per service
 * (its id is recorded in the same transaction as the handler's writes), retried with back-off, and parked on the
 * service's dead-letter topic with the reason when it is malformed or keeps failing.
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private handled = 0;
  private parked = 0;
  private readonly byType = new Map<string, EventHandler<unknown>>();

  constructor(private readonly options: ConsumerOptions) {
    for (const handler of options.handlers as EventHandler<unknown>[]) {
      const key = `${handler.event.type}@${handler.event.version}`;
      if (this.byType.has(key)) throw new Error(`two handlers for ${key} in ${options.service}`);
      this.byType.set(key, handler);
    }
  }

  get stats(): { handled: number; parked: number } {
    return { handled: this.handled, parked: this.parked };
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
      autoCommit: true,
      // Partitions are handled in parallel; order holds per partition, hence per subject (the message key).
      partitionsConsumedConcurrently: DEFAULT_PARTITIONS,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await this.process(topic, partition, message, heartbeat);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  private async process(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const raw = message.value?.toString('utf8') ?? '';
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.park(topic, partition, message, 'message is not JSON', 0);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      return this.park(topic, partition, message, `envelope invalid: ${describe(envelope.error.issues)}`, 0);
    }
    const handler = this.byType.get(`${envelope.data.type}@${envelope.data.version}`);
    if (!handler) return; // another consumer's event on a shared topic
    const data = handler.event.schema.safeParse(envelope.data.data);
    if (!data.success) {
      return this.park(topic, partition, message, `${envelope.data.type} v${envelope.data.version} data invalid: ${describe(data.error.issues)}`, 0);
    }
    const event = Object.freeze({ ...envelope.data, data: data.data }) as Envelope<unknown>;
    const retryBase = this.options.retryBaseMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.handleOnce(handler, event);
        return;
      } catch (error) {
        const reason = (error as Error).message;
        if (error instanceof PermanentEventError || attempt >= this.options.maxAttempts) {
          return this.park(topic, partition, message, reason, attempt);
        }
        this.options.logger.warn({ type: event.type, eventId: event.id, attempt, err: reason }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, retryBase * 2 ** (attempt - 1)));
        await heartbeat();
      }
    }
  }

  private async handleOnce(handler: EventHandler<unknown>, event: Envelope<unknown>): Promise<void> {
    await this.options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO consumed_event (consumer, event_id, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.service, event.id, event.type],
      );
      if (inserted.length === 0) return; // already handled: a redelivery
      await handler.handle(event, manager);
      this.handled += 1;
    });
  }

  private async park(topic: string, partition: number, message: KafkaMessage, reason: string, attempts: number): Promise<void> {
    this.parked += 1;
    this.options.logger.error({ topic, partition, offset: message.offset, reason, attempts }, 'event parked on the dead-letter topic');
    await this.producer!.send({
      topic: this.dlqTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'dlq-reason': reason,
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
  }
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
