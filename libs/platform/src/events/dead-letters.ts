import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, Partitioners } from 'kafkajs';
import { Logger } from '../logger';
import { deadLetterTopic } from './consumer';
import { prefixed } from './kafka';

export interface ParkedEvent {
  partition: number;
  offset: string;
  reason: string;
  originalTopic: string;
  parkedAt: string;
  eventId: string | null;
  type: string | null;
}

export interface ReplayOptions {
  kafka: Kafka;
  /** The consuming service whose dead-letter topic is replayed, e.g. `training-service`. */
  service: string;
  topicPrefix: string;
  logger: Logger;
  /** Only events of this type (e.g. `isms.person.upserted`). */
  type?: string;
  /** List what would be replayed; publish nothing and remember nothing. */
  dryRun?: boolean;
  timeoutMs?: number;
}

export interface ReplayResult {
  /** Published again to their original topics (or, in a dry run, the ones that would be). */
  replayed: ParkedEvent[];
  /** Parked messages that are not events at all (not JSON, no envelope) or not of the type asked for. */
  skipped: ParkedEvent[];
}

const header = (headers: IHeaders | undefined, name: string): string => {
  const value = headers?.[name];
  return value === undefined ? '' : String(Array.isArray(value) ? value[0] : value);
};

/**
 * Publishes the events parked on a service's dead-letter topic again to the topics they came from, once their cause
 * is fixed (a consumer bug, a missing reference, a contract the consumer did not know yet). It reads what was parked
 * up to the moment it starts and remembers how far it got (its own consumer group), so a second run replays only
 * what was parked since. Every consumer of those topics is idempotent: a consumer that had handled an event
 * already ignores it; the one that parked it handles it now, or parks it again with the new reason.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayResult> {
  const { kafka, service, topicPrefix, logger } = options;
  const topic = prefixed(topicPrefix, deadLetterTopic(service));
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  let starts: Map<number, bigint>;
  const groupId = options.dryRun ? prefixed(topicPrefix, `dlq-inspect.${service}.${randomUUID()}`) : prefixed(topicPrefix, `dlq-replay.${service}`);
  try {
    if (!(await admin.listTopics()).includes(topic)) return { replayed: [], skipped: [] };
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    const committed = options.dryRun ? [] : ((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? []);
    // Where this run starts: after what an earlier run replayed, else at the oldest record kept.
    starts = new Map(offsets.map((p) => {
      const done = committed.find((c) => c.partition === p.partition);
      return [p.partition, done && BigInt(done.offset) >= 0n ? BigInt(done.offset) : BigInt(p.low)];
    }));
  } finally {
    await admin.disconnect();
  }
  const pending = [...ends].filter(([partition, end]) => (starts.get(partition) ?? 0n) < end);
  const result: ReplayResult = { replayed: [], skipped: [] };
  if (pending.length === 0) return result;

  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, retry: { retries: 5 } });
  await producer.connect();
  await consumer.connect();
  const remaining = new Set(pending.map(([partition]) => partition));
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`replaying ${topic} did not finish within ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = ends.get(partition) ?? 0n;
        if (BigInt(message.offset) >= end) return; // parked after this run began: the next run's work
        const parked = describeParked(partition, message.offset, message.headers, message.value);
        const wanted = parked.eventId !== null && parked.originalTopic !== '' && (!options.type || parked.type === options.type);
        if (!wanted) result.skipped.push(parked);
        else {
          if (!options.dryRun) {
            await producer.send({
              topic: parked.originalTopic,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers: { 'replayed-from': `${topic}/${partition}/${message.offset}`, 'replayed-at': new Date().toISOString() } }],
            });
          }
          result.replayed.push(parked);
        }
        if (!options.dryRun) await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        if (BigInt(message.offset) + 1n >= end) {
          remaining.delete(partition);
          if (remaining.size === 0) finish();
        }
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  logger.info({ topic, replayed: result.replayed.length, skipped: result.skipped.length, dryRun: !!options.dryRun }, 'dead-letter replay finished');
  return result;
}

function describeParked(partition: number, offset: string, headers: IHeaders | undefined, value: Buffer | null): ParkedEvent {
  let eventId: string | null = null;
  let type: string | null = null;
  try {
    const json = JSON.parse(value?.toString('utf8') ?? '') as { id?: unknown; type?: unknown };
    if (typeof json.id === 'string' && typeof json.type === 'string') {
      eventId = json.id;
      type = json.type;
    }
  } catch {
    // not an event: it can never be handled, so it is not replayed
  }
  return {
    partition,
    offset,
    reason: header(headers, 'dlq-reason'),
    originalTopic: header(headers, 'dlq-original-topic'),
    parkedAt: header(headers, 'dlq-parked-at'),
    eventId,
    type,
  };
}
