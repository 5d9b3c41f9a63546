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

/** Creates the topics that do not exist yet (idempotent; safe when several replicas start at once). */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions = DEFAULT_PARTITIONS): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
