import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { deleteTopicsWithPrefix, eventually, testBrokers, testKafka, uniqueTopicPrefix } from '@iso27001/testing';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '../../../infra/kafka/kafka-cli.sh');

/** Kafka's own command-line tools, a second client that does not share code with kafkajs. */
async function kafkaCli(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [cli, ...args, '--bootstrap-server', testBrokers().join(',')], { maxBuffer: 10 * 1024 * 1024 });
  return stdout;
}

describe('kafkajs 2.2.4 against the Kafka 4 broker, checked with Kafka\'s own tools', () => {
  const prefix = uniqueTopicPrefix('broker');
  const topic = `${prefix}broker.check.v1`;
  const kafka = testKafka('broker-check');

  afterAll(async () => {
    await deleteTopicsWithPrefix(prefix);
  });

  it('creates a topic, produces, and consumes in a group of two members', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    expect(await kafkaCli('topics', '--describe', '--topic', topic)).toMatch(/PartitionCount:\s*3/);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `subject-${i % 6}`, value: `message ${i}` })) });
    await producer.disconnect();

    const group = `${prefix}members`;
    const received = new Map<string, string[]>();
    const members = ['one', 'two'].map((name) => {
      const consumer = kafka.consumer({ groupId: group });
      received.set(name, []);
      return { name, consumer };
    });
    const assigned = new Map<string, number>();
    for (const { name, consumer } of members) {
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        assigned.set(name, Object.values(event.payload.memberAssignment).flat().length);
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
    }
    // Both members join before either consumes, so the group's partitions are shared between them.
    await Promise.all(members.map(({ name, consumer }) => consumer.run({ eachMessage: async ({ message }) => void received.get(name)?.push(message.value!.toString()) }))); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    try {
      await eventually('all 30 messages consumed by the group', () => [...received.values()].flat().length >= 30);
      await eventually('both members hold partitions', () => assigned.size === 2 && [...assigned.values()].every((count) => count > 0) && [...assigned.values()].reduce((a, b) => a + b) === 3);
      expect(new Set([...received.values()].flat()).size).toBe(30);

      const described = await kafkaCli('consumer-groups', '--describe', '--group', group, '--members');
      expect(described.split('\n').filter((line) => line.startsWith(group))).toHaveLength(2);
    } finally {
      await Promise.all(members.map(({ consumer }) => consumer.disconnect()));
    }

    const consoleRead = await kafkaCli('console-consumer', '--topic', topic, '--from-beginning', '--max-messages', '30', '--timeout-ms', '30000');
    expect(consoleRead.trim().split('\n').sort()).toEqual(Array.from({ length: 30 }, (_, i) => `message ${i}`).sort());
  });
});
