import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent } from '@iso27001/contracts';
import { createKafka, createLogger, databaseUrl, ensureTopics, EventConsumer, on, onMany, openDatabase, Outbox, OutboxRelay, replayDeadLetters } from '@iso27001/platform';
import { buildEnvelope, createTestDatabase, deleteTopicsWithPrefix, eventually, restoreTestDatabase, takeDownTestDatabase, testBrokers, TestEventPublisher, uniqueTopicPrefix } from '@iso27001/testing';

class TallyTable1764300000002 implements MigrationInterface {
  name = 'TallyTable1764300000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE tally (event_id uuid NOT NULL, subject_id uuid NOT NULL, sequence integer NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tally');
  }
}

const Counted = defineEvent({
  type: 'test.tally.counted',
  version: 1,
  topic: 'test.tally.v1',
  description: 'test event',
  schema: z.object({ id: z.string().uuid(), sequence: z.number().int(), label: z.string() }),
});

const logger = createLogger('consumer-test', 'silent');

describe('event consumer: batches, database outages, dead-letter replay; relay after a lost listener', () => {
  const prefix = uniqueTopicPrefix('consumer');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let publisher: TestEventPublisher;
  let kafka: ReturnType<typeof createKafka>;
  let topicPrefix: string;
  let run = 0;

  beforeAll(async () => {
    database = await createTestDatabase('consumer');
    ({ dataSource } = await openDatabase({ serverUrl: database.serverUrl, database: database.name, entities: [], migrations: [TallyTable1764300000002], poolSize: 4 }));
  });

  // Each test on topics of its own, so a new consumer group starting from the beginning sees only its events.
  beforeEach(async () => {
    run += 1;
    topicPrefix = `${prefix}${run}.`;
    kafka = createKafka({ brokers: testBrokers(), clientId: 'consumer-test', topicPrefix }, logger);
    publisher = await TestEventPublisher.connect(topicPrefix);
  });

  afterEach(async () => {
    await publisher.disconnect();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await restoreTestDatabase(database.name).catch(() => undefined);
    await database?.drop();
    await deleteTopicsWithPrefix(prefix);
  });

  const consumerFor = (service: string, handle: (event: { id: string; data: { id: string; sequence: number; label: string } }) => Promise<void> | void = () => undefined) =>
    new EventConsumer({
      kafka,
      dataSource,
      logger,
      service,
      topicPrefix,
      maxAttempts: 3,
      retryBaseMs: 50,
      maxWaitMs: 200,
      handlers: [
        on(Counted, async (event, manager) => {
          await handle(event);
          await manager.query('INSERT INTO tally (event_id, subject_id, sequence) VALUES ($1, $2, $3)', [event.id, event.data.id, event.data.sequence]);
        }),
      ],
    });

  it('handles a burst in a few transactions, each event once and in order per subject, redeliveries included', async () => {
    const service = `burst-${randomUUID().slice(0, 8)}`;
    const consumer = consumerFor(service);
    await consumer.start();
    try {
      const subjects = Array.from({ length: 20 }, () => randomUUID());
      const envelopes = Array.from({ length: 1000 }, (_, i) => ({ subject: subjects[i % subjects.length]!, sequence: Math.floor(i / subjects.length) })); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const built = envelopes.map(({ subject, sequence }) => buildEnvelope(Counted, { id: subject, sequence, label: service }));
      await publisher.publishEnvelope(Counted, ...built);
      await publisher.publishEnvelope(Counted, ...built.slice(0, 50)); // a redelivery of the first fifty
      await eventually('1000 events handled', async () => consumer.stats.handled >= 1000, { timeoutMs: 60_000 });
      const handled: { event_id: string; subject_id: string; sequence: number }[] = await dataSource.query(
        'SELECT event_id, subject_id, sequence FROM tally WHERE event_id = ANY($1::uuid[]) ORDER BY handled_at',
        [built.map((envelope) => envelope.id)],
      );
      expect(handled).toHaveLength(1000);
      expect(new Set(handled.map((row) => row.event_id)).size).toBe(1000);
      for (const subject of subjects) {
        const sequences = handled.filter((row) => row.subject_id === subject).map((row) => row.sequence);
        expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      }
      expect(consumer.stats.batches).toBeLessThan(100); // one transaction per batch, not per event
      expect(consumer.stats.parked).toBe(0);
    } finally {
      await consumer.stop();
    }
  });

  it('gives a handler that takes many the consecutive events of a batch together, in order, each once', async () => {
    const runs: string[][] = [];
    const consumer = new EventConsumer({
      kafka,
      dataSource,
      logger,
      service: `many-${randomUUID().slice(0, 8)}`,
      topicPrefix,
      maxAttempts: 3,
      handlers: [
        onMany(Counted, async (events, manager) => {
          runs.push(events.map((event) => event.id));
          await manager.query('INSERT INTO tally (event_id, subject_id, sequence) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])', [
            events.map((event) => event.id),
            events.map((event) => event.data.id),
            events.map((event) => event.data.sequence),
          ]);
        }),
      ],
    });
    await consumer.start();
    try {
      const subject = randomUUID(); // one subject: one partition, one order
      const built = Array.from({ length: 300 }, (_, sequence) => buildEnvelope(Counted, { id: subject, sequence, label: 'many' }));
      await publisher.publishEnvelope(Counted, ...built, ...built.slice(0, 10));
      await eventually('300 events handled', () => consumer.stats.handled >= 300, { timeoutMs: 30_000 });
      const seen = runs.flat();
      expect(seen).toEqual(built.map((event) => event.id)); // in order, none twice
      expect(runs.length).toBeLessThan(300);
      expect(Math.max(...runs.map((run) => run.length))).toBeGreaterThan(1);
    } finally {
      await consumer.stop();
    }
  });

  it('waits out a database outage longer than its retries instead of parking, then handles every event once', async () => {
    const service = `outage-${randomUUID().slice(0, 8)}`;
    const consumer = consumerFor(service);
    await consumer.start();
    try {
      const first = await publisher.publishAs(Counted, { id: randomUUID(), sequence: 0, label: 'before the outage' });
      await eventually('the first event handled', () => consumer.stats.handled >= 1);
      await takeDownTestDatabase(database.name);
      const during = await Promise.all(Array.from({ length: 30 }, (_, i) => publisher.publishAs(Counted, { id: randomUUID(), sequence: i, label: 'during the outage' })));
      // Three attempts with 50 ms back-off take 150 ms: the outage lasts far longer than the retries.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(consumer.stats.parked).toBe(0);
      await restoreTestDatabase(database.name);
      await eventually('the events of the outage handled', () => consumer.stats.handled >= 31, { timeoutMs: 60_000 });
      const handled: { event_id: string }[] = await dataSource.query('SELECT event_id FROM tally WHERE event_id = ANY($1::uuid[])', [[first.id, ...during.map((e) => e.id)]]);
      expect(handled).toHaveLength(31);
      expect(consumer.stats.parked).toBe(0);
    } finally {
      await restoreTestDatabase(database.name);
      await consumer.stop();
    }
  });

  it('replays parked events once their cause is fixed, and only once', async () => {
    const service = `replay-${randomUUID().slice(0, 8)}`;
    let broken = true;
    const consumer = consumerFor(service, (event) => {
      if (broken && event.data.label === 'needs the fix') throw new Error('handler bug: cannot handle this label yet');
    });
    await consumer.start();
    try {
      const fine = await publisher.publishAs(Counted, { id: randomUUID(), sequence: 0, label: 'fine' });
      const parked = await Promise.all([1, 2].map((sequence) => publisher.publishAs(Counted, { id: randomUUID(), sequence, label: 'needs the fix' })));
      await eventually('two events parked after their attempts', () => consumer.stats.parked >= 2, { timeoutMs: 30_000 });
      expect(consumer.stats.handled).toBe(1);

      const listed = await replayDeadLetters({ kafka, service, topicPrefix, logger, dryRun: true });
      expect(listed.replayed.map((event) => event.eventId).sort()).toEqual(parked.map((event) => event.id).sort());
      expect(listed.replayed[0]!.reason).toBe('handler bug: cannot handle this label yet'); // eslint-disable-line @typescript-eslint/no-non-null-assertion

      broken = false; // the fix is deployed
      const replay = await replayDeadLetters({ kafka, service, topicPrefix, logger });
      expect(replay.replayed).toHaveLength(2);
      await eventually('the replayed events handled', () => consumer.stats.handled >= 3, { timeoutMs: 30_000 });
      const handled: { event_id: string }[] = await dataSource.query('SELECT event_id FROM tally WHERE event_id = ANY($1::uuid[])', [[fine.id, ...parked.map((e) => e.id)]]);
      expect(handled).toHaveLength(3);

      const again = await replayDeadLetters({ kafka, service, topicPrefix, logger });
      expect(again.replayed).toHaveLength(0);
    } finally {
      await consumer.stop();
    }
  });

  it('relay: subscribes again after its listener connection is cut, and publishes on notification, not on the poll', async () => {
    const outbox = new Outbox('consumer-test');
    const relay = new OutboxRelay({
      dataSource,
      kafka,
      connectionString: databaseUrl(database.serverUrl, database.name),
      topicPrefix,
      logger,
      pollMs: 600_000, // only a notification can wake it within the test
      lockKey: 'consumer-test:outbox',
    });
    const listeners = async (): Promise<number> =>
      Number((await dataSource.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'"))[0].count);
    await ensureTopics(kafka, [`${topicPrefix}${Counted.topic}`]);
    await relay.start();
    try {
      await eventually('the relay listens', async () => (await listeners()) === 1);
      await dataSource.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
      await eventually('the relay listens again', async () => (await listeners()) === 1, { timeoutMs: 20_000 });
      const published = relay.publishedCount;
      await dataSource.transaction((manager) => outbox.record(manager, Counted, randomUUID(), { id: randomUUID(), sequence: 0, label: 'after the reconnect' }, { organisationId: '00000000-0000-4000-8000-000000000001', actor: 'test', correlationId: 'c' }));
      await eventually('the new event published', () => relay.publishedCount > published, { timeoutMs: 10_000 });
    } finally {
      await relay.stop();
    }
  });

});
