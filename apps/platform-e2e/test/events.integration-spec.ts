import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Admin, AssignerProtocol } from 'kafkajs';
import { Column, DataSource, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent, Envelope } from '@iso27001/contracts';
import { buildEnvelope, createTestDatabase, deleteTopicsWithPrefix, eventually, TestEventPublisher, testKafka, uniqueTopicPrefix } from '@iso27001/testing';
import { createKafka, createLogger, databaseUrl, EventConsumer, on, openDatabase, Outbox, OutboxRelay, PermanentEventError } from '@iso27001/platform';

@Entity({ name: 'note' })
class NoteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  text: string;
}

class NoteTable1764300000001 implements MigrationInterface {
  name = 'NoteTable1764300000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE note (id uuid PRIMARY KEY, text text NOT NULL)');
    await runner.query('CREATE TABLE seen_note (event_id uuid NOT NULL, note_id uuid NOT NULL, handled_by text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE seen_note');
    await runner.query('DROP TABLE note');
  }
}

const NoteAdded = defineEvent({
  type: 'test.note.added',
  version: 1,
  topic: 'test.note.v1',
  description: 'test event',
  schema: z.object({ id: z.string().uuid(), text: z.string().min(1), sequence: z.number().int() }),
});

const ORG = '00000000-0000-4000-8000-0000000000aa';
const context = { organisationId: ORG, actor: 'tester', correlationId: 'corr-1' };
const logger = createLogger('platform-test', 'silent');
const root = path.resolve(__dirname, '../../..');

async function addNote(dataSource: DataSource, outbox: Outbox, text: string, sequence: number, failAfterRecording = false): Promise<string> {
  const id = randomUUID();
  await dataSource.transaction(async (manager) => {
    await manager.insert(NoteEntity, { id, text });
    await outbox.record(manager, NoteAdded, id, { id, text, sequence }, context);
    if (failAfterRecording) throw new Error('the change failed after its event was recorded');
  });
  return id;
}

async function readTopic(brokers: string[], topic: string, expected: number): Promise<Envelope<{ id: string; sequence: number }>[]> {
  const kafka = createKafka({ brokers, clientId: 'reader', topicPrefix: '' }, logger);
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: Envelope<{ id: string; sequence: number }>[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
  try {
    await eventually(`${expected} events on ${topic}`, () => seen.length >= expected, { timeoutMs: 60_000 });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

describe('platform events: outbox, relay and consumer over the real broker', () => {
  const prefix = uniqueTopicPrefix('platform');
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const outbox = new Outbox('platform-test');

  beforeAll(async () => {
    database = await createTestDatabase('platform');
    ({ dataSource } = await openDatabase({ serverUrl: database.serverUrl, database: database.name, entities: [NoteEntity], migrations: [NoteTable1764300000001] }));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await deleteTopicsWithPrefix(prefix);
  });

  it('records an event only with its committed change, and refuses data that breaks the schema', async () => {
    const before = await dataSource.query('SELECT (SELECT count(*) FROM note)::int AS notes, (SELECT count(*) FROM outbox_event)::int AS events');
    await expect(addNote(dataSource, outbox, 'rolled back', 1, true)).rejects.toThrow('failed after its event was recorded');
    await expect(addNote(dataSource, outbox, '', 2)).rejects.toThrow(/does not match its schema: text/);
    await expect(outbox.record(dataSource.manager, NoteAdded, 'x', { id: randomUUID(), text: 'no transaction', sequence: 3 }, context)).rejects.toThrow(
      /inside the transaction/,
    );
    const after = await dataSource.query('SELECT (SELECT count(*) FROM note)::int AS notes, (SELECT count(*) FROM outbox_event)::int AS events');
    expect(after).toEqual(before);
  });

  it('records many events in one statement, all or none', async () => {
    const count = async (): Promise<number> => (await dataSource.query('SELECT count(*)::int AS n FROM outbox_event'))[0].n;
    const before = await count();
    const many = (texts: string[]) => texts.map((text, sequence) => ({ subjectId: randomUUID(), data: { id: randomUUID(), text, sequence } }));
    await expect(dataSource.transaction((manager) => outbox.recordMany(manager, NoteAdded, many(['a', '', 'c']), context))).rejects.toThrow(/does not match its schema/);
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.recordMany(manager, NoteAdded, many(['a', 'b']), context);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count()).toBe(before);
    const recorded = await dataSource.transaction((manager) => outbox.recordMany(manager, NoteAdded, many(Array.from({ length: 1500 }, (_, i) => `note ${i}`)), context));
    expect(await count()).toBe(before + 1500);
    const stored: { message_key: string; envelope: { id: string } }[] = await dataSource.query('SELECT message_key, envelope FROM outbox_event ORDER BY seq DESC LIMIT 1');
    expect(stored[0]).toMatchObject({ message_key: recorded[1499]!.subjectId, envelope: { id: recorded[1499]!.id } });
  });

  it('delivers every event of a stream of changes made while the broker is down for 20 s', async () => {
    const port = 19392;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kafka-outage-'));
    const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: dataDir, KAFKA_HEAP: '-Xms128m -Xmx384m' };
    const broker = (script: 'start.sh' | 'stop.sh'): void => void execFileSync('bash', [path.join(root, 'infra/kafka', script)], { env, stdio: 'pipe' });
    const outageBrokers = [`127.0.0.1:${port}`];
    broker('start.sh');
    const kafka = createKafka({ brokers: outageBrokers, clientId: 'outage', topicPrefix: prefix }, logger);
    const relay = new OutboxRelay({ dataSource, kafka, connectionString: databaseUrl(database.serverUrl, database.name), topicPrefix: prefix, logger, pollMs: 200, lockKey: 'outage' });
    try {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: `${prefix}test.note.v1`, numPartitions: 3 }], waitForLeaders: true });
      await admin.disconnect();
      await dataSource.query('UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL');
      await relay.start();

      const ids: string[] = [];
      let sequence = 0;
      const burst = async (count: number): Promise<void> => {
        for (let i = 0; i < count; i += 1) ids.push(await addNote(dataSource, outbox, `note ${sequence}`, (sequence += 1)));
      };
      await burst(50);
      await eventually('the first burst published', async () => Number((await dataSource.query('SELECT count(*) FROM outbox_event WHERE published_at IS NULL'))[0].count) === 0);

      broker('stop.sh');
      const outageEnds = Date.now() + 20_000;
      while (Date.now() < outageEnds) {
        await burst(10);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const pending = Number((await dataSource.query('SELECT count(*) FROM outbox_event WHERE published_at IS NULL'))[0].count);
      expect(pending).toBeGreaterThan(0); // the outage really held events back
      broker('start.sh');
      await burst(50);

      await eventually('the outbox drained after the outage', async () => Number((await dataSource.query('SELECT count(*) FROM outbox_event WHERE published_at IS NULL'))[0].count) === 0, {
        timeoutMs: 90_000,
      });
      const events = await readTopic(outageBrokers, `${prefix}test.note.v1`, ids.length);
      const delivered = new Set(events.map((event) => event.data.id));
      expect(ids.filter((id) => !delivered.has(id))).toEqual([]);
      expect(ids.length).toBeGreaterThan(150);
    } finally {
      await relay.stop();
      broker('stop.sh');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('shares the partitions among the replicas of a consumer group, applies each event once, retries failures and parks poison messages', async () => {
    const kafka = createKafka({ brokers, clientId: 'consumers', topicPrefix: prefix }, logger);
    const topic = `${prefix}${NoteAdded.topic}`;
    const partitions = 6;
    let flaky = 0;
    const handlers = (replica: string) => [
      on(NoteAdded, async (event, manager) => {
        if (event.data.text === 'flaky' && flaky++ < 2) throw new Error('temporary failure');
        if (event.data.text === 'never') throw new PermanentEventError('this note can never be handled');
        await manager.query('INSERT INTO seen_note (event_id, note_id, handled_by) VALUES ($1, $2, $3)', [event.id, event.data.id, replica]);
      }),
    ];
    const service = `notes-${randomUUID().slice(0, 8)}`;
    const names = ['a', 'b', 'c'];
    const replicas = names.map(
      (replica) => new EventConsumer({ kafka, dataSource, logger, service, topicPrefix: prefix, handlers: handlers(replica), maxAttempts: 4, retryBaseMs: 50 }),
    );
    await dataSource.query('DELETE FROM seen_note');
    const admin = testKafka('group-inspector').admin();
    await admin.connect();
    const events = await TestEventPublisher.connect(prefix, 'notes-stand-in');
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      await Promise.all(replicas.map((replica) => replica.start()));
      // Publish only once the group has settled with every replica holding partitions, so no replica can take all
      // the work before the others join.
      const assignment = await eventually(`${names.length} replicas each holding partitions of ${topic}`, () => partitionsByMember(admin, service, topic, names.length), {
        timeoutMs: 60_000,
      });
      expect(assignment.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: partitions }, (_, i) => i));

      const envelope = (text: string) => buildEnvelope(NoteAdded, { id: randomUUID(), text, sequence: 1 }, { source: 'platform-test', organisationId: ORG, actor: 'tester' });
      // 60 subjects over 6 partitions: a replica with 2 of them gets no event with a probability of about 3 × (2/3)^60.
      const good = Array.from({ length: 60 }, (_, i) => envelope(`good ${i}`));
      const flakyEvent = envelope('flaky');
      await events.publishEnvelope(NoteAdded, ...good, flakyEvent, good[0]!, good[1]!); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      await events.publishRaw(NoteAdded, [
        { key: 'poison', value: '{not json' },
        { key: 'bad-data', value: JSON.stringify({ ...envelope('x'), data: { id: 'not-a-uuid', text: '', sequence: 1 } }) },
      ]);
      await events.publishEnvelope(NoteAdded, envelope('never'));

      await eventually('all good events handled', async () => {
        const handled: { n: number }[] = await dataSource.query('SELECT count(DISTINCT event_id)::int AS n FROM seen_note');
        return handled[0]!.n >= good.length + 1; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      }, { timeoutMs: 60_000 });
      const dlq = await readDlq(`${prefix}dlq.${service}.v1`, 3);
      const reasons = dlq.map((m) => m.reason);
      expect(reasons).toHaveLength(3);
      expect(reasons).toEqual(
        expect.arrayContaining(['message is not JSON', 'this note can never be handled', expect.stringContaining('test.note.added v1 data invalid: id:')]),
      );
      expect(dlq.every((m) => m.originalTopic === topic)).toBe(true);

      // Each event took effect exactly once, the redelivered duplicates included, and every replica did its share.
      const applied: { event_id: string; times: number }[] = await dataSource.query('SELECT event_id, count(*)::int AS times FROM seen_note GROUP BY event_id');
      expect(applied.filter((row) => row.times !== 1)).toEqual([]);
      expect(applied.map((row) => row.event_id).sort()).toEqual([...good, flakyEvent].map((event) => event.id).sort());
      expect(flaky).toBe(3);
      const byReplica: { handled_by: string; n: number }[] = await dataSource.query('SELECT handled_by, count(*)::int AS n FROM seen_note GROUP BY handled_by ORDER BY handled_by');
      expect(byReplica.map((row) => row.handled_by)).toEqual(names);
      expect(byReplica.every((row) => row.n >= 1)).toBe(true);
    } finally {
      await events.disconnect();
      await admin.disconnect();
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  });
});

/**
 * The partitions of `topic` each member of the consumer group of `service` holds, once the group is stable with
 * `members` members that each hold at least one; otherwise undefined (still joining or rebalancing).
 */
async function partitionsByMember(admin: Admin, service: string, topic: string, members: number): Promise<number[][] | undefined> {
  const { groups } = await admin.listGroups();
  const groupId = groups.map((group) => group.groupId).find((id) => id.endsWith(service));
  if (!groupId) return undefined;
  const [group] = (await admin.describeGroups([groupId])).groups;
  if (group?.state !== 'Stable' || group.members.length !== members) return undefined;
  const held = group.members.map((member) => AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[topic] ?? []);
  return held.every((partitions) => partitions.length > 0) ? held : undefined;
}

async function readDlq(topic: string, expected: number): Promise<{ reason: string; originalTopic: string }[]> {
  const consumer = testKafka('dlq-reader').consumer({ groupId: `dlq-${randomUUID()}` });
  const seen: { reason: string; originalTopic: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) =>
      void seen.push({ reason: String(message.headers?.['dlq-reason']), originalTopic: String(message.headers?.['dlq-original-topic']) }),
  });
  try {
    await eventually(`${expected} messages on ${topic}`, () => seen.length >= expected, { timeoutMs: 60_000 });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
