import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export function testBrokers(): string[] {
  return (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}

/** A topic prefix of its own for each test file, so runs and files never see each other's events. */
export function uniqueTopicPrefix(label: string): string {
  return `test.${label}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
}

export function testKafka(clientId = 'test'): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

/** Deletes every topic that starts with the prefix (best effort: a test's leftovers, not its assertions). */
export async function deleteTopicsWithPrefix(prefix: string): Promise<void> {
  const admin = testKafka('test-cleanup').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } catch {
    // leftovers are harmless: the prefix is unique
  } finally {
    await admin.disconnect();
  }
}
