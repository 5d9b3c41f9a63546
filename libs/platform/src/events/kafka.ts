import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { Logger } from '../logger';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prepended to topics and consumer groups (test isolation, shared clusters). */
  topicPrefix: string;
}

export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const fields = { kafka: entry.namespace, ...rest };
      if (entry.level <= logLevel.ERROR) logger.error(fields, message);
      else logger.warn(fields, message);
    },
  });
}

export function prefixed(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}

export const DEFAULT_PARTITIONS = 3;

/**
 * Creates the topics that do not exist yet and waits until every partition has a leader: idempotent, and safe
 * when several services or replicas start at once (one may see a topic that another has only just created).
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions = DEFAULT_PARTITIONS, timeoutMs = 60_000): Promise<void> {
  const wanted = [...new Set(topics)];
  if (wanted.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        // Leaders are awaited below, tolerating a broker that is still electing them.
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
        });
      } catch (error) {
        // Another process created one of them first: the wait below is what matters.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: wanted });
        if (metadata.length === wanted.length && metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
