/**
 * Event lag, commit to consumer: people changed in isms-service reach training-service's replica through the
 * outbox, the relay, Kafka and the idempotent consumer. isms-service runs in this process (the benchmark drives it);
 * training-service runs in a process of its own, as deployed, so the producer's work never delays the consumer's. Lag per event = the moment the consumer finished handling it
 * (consumed_event.consumed_at) minus the moment its change was committed to the outbox (outbox_event.created_at),
 * both on one PostgreSQL clock.
 *
 * Runs, each printing `event-lag: rate=<events/s> p50=<ms> p95=<ms> p99=<ms> max=<ms>`:
 *   sequential  people created one mutation after another through the GraphQL API
 *   burst       the same, 25 concurrent mutations at a time
 *   sustained   person changes committed at a fixed rate (default 500/s for 60 s), a few per transaction every 20 ms
 *   max         as many changes as the relay can take, committed in transactions of 200
 * The last two write through isms-service's own outbox (`Outbox.recordMany`, the call its import uses) instead of
 * the GraphQL API, whose request handling on this machine cannot reach 500 changes/s itself. After each run it also
 * prints the relay's and the consumer's throughput over the run.
 *
 *   node -r @swc-node/register tools/bench/event-lag.bench.ts [events=300] [rate=500] [seconds=60] [maxEvents=20000]
 * Needs KAFKA_BROKERS (default 127.0.0.1:9092) and PostgreSQL.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { PersonUpserted } from '@iso27001/contracts';
import { databaseUrl } from '@iso27001/platform';
import { createTestDatabase, deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testSubgraphEnv, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../apps/isms-service/src/subgraph';

const root = path.resolve(__dirname, '../..');

/** training-service as its own process, on a fresh test database; resolves once it reports ready. */
async function startConsumerProcess(topicPrefix: string, secret: string): Promise<{ child: ChildProcess; dataSource: DataSource; stop(): Promise<void> }> {
  const database = await createTestDatabase('training');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/training-service/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    // Logs at info: its 'ready' line says when it is serving.
    env: testSubgraphEnv(database, { topicPrefix, secret, env: { LOG_LEVEL: 'info' } }),
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`training-service exited with ${code} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('training-service ready')) resolve();
    });
  });
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume(); // its log is not needed past this point
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl(database.serverUrl, database.name) });
  await dataSource.initialize();
  return {
    child,
    dataSource,
    async stop() {
      await dataSource.destroy();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await database.drop();
    },
  };
}

const CREATE = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const perSecond = (count: number, ms: number): number => Math.round((count / Math.max(1, ms)) * 1000);

async function main(): Promise<void> {
  const [events = 300, rate = 500, seconds = 60, maxEvents = 20_000] = process.argv.slice(2).map(Number);
  const prefix = uniqueTopicPrefix('bench');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const producer = await startTestSubgraph(isms, { topicPrefix: prefix });
  const consumer = await startConsumerProcess(prefix, producer.secret);
  const count = async (sql: string): Promise<number> => Number((await consumer.dataSource.query(sql))[0].count);
  let n = 0;
  const nextPerson = () => {
    n += 1;
    return { email: `bench.${n}@example.test`, name: `Bench Person ${n}` };
  };
  const recordPeople = async (howMany: number): Promise<void> => {
    await producer.deps.dataSource.transaction((manager) =>
      producer.deps.outbox.recordMany(
        manager,
        PersonUpserted,
        Array.from({ length: howMany }, () => {
          const id = randomUUID();
          return { subjectId: id, data: { id, ...nextPerson(), unitId: null, managerId: null, jobRole: null, active: true } };
        }),
        { organisationId: TEST_ORGANISATION_ID, actor: 'bench', correlationId: randomUUID() },
      ),
    );
  };

  try {
    const run = async (label: string, expected: number, produce: () => Promise<void>): Promise<void> => {
      const before = Number((await producer.deps.dataSource.query('SELECT count(*) FROM outbox_event'))[0].count);
      const consumedBefore = await count("SELECT count(*) FROM consumed_event WHERE type = 'isms.person.upserted'");
      const started = Date.now();
      await produce();
      const producedMs = Date.now() - started;
      await eventually(
        `${label}: ${expected} events consumed`,
        async () => (await count("SELECT count(*) FROM consumed_event WHERE type = 'isms.person.upserted'")) >= consumedBefore + expected,
        { timeoutMs: 600_000, intervalMs: 50 },
      );
      const produced: { id: string; created_at: Date; published_at: Date }[] = await producer.deps.dataSource.query(
        'SELECT id, created_at, published_at FROM outbox_event ORDER BY seq OFFSET $1',
        [before],
      );
      const consumed = new Map<string, Date>(
        ((await consumer.dataSource.query('SELECT event_id, consumed_at FROM consumed_event WHERE event_id = ANY($1::uuid[])', [produced.map((row) => row.id)])) as {
          event_id: string;
          consumed_at: Date;
        }[]).map((row) => [row.event_id, row.consumed_at]),
      );
      const lags = produced.map((row) => consumed.get(row.id)!.getTime() - row.created_at.getTime()).sort((a, b) => a - b); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const relayLags = produced.map((row) => row.published_at.getTime() - row.created_at.getTime()).sort((a, b) => a - b);
      const first = Math.min(...produced.map((row) => row.created_at.getTime()));
      const lastPublished = Math.max(...produced.map((row) => row.published_at.getTime()));
      const lastConsumed = Math.max(...[...consumed.values()].map((at) => at.getTime()));
      const firstPublished = Math.min(...produced.map((row) => row.published_at.getTime()));
      const firstConsumed = Math.min(...[...consumed.values()].map((at) => at.getTime()));
      console.log(
        `event-lag: rate=${perSecond(produced.length, producedMs)} p50=${percentile(lags, 50)} p95=${percentile(lags, 95)} p99=${percentile(lags, 99)} max=${lags.at(-1)}` +
          `  (${label}: ${produced.length} events; commit→broker p50=${percentile(relayLags, 50)} p99=${percentile(relayLags, 99)}; relay ${perSecond(produced.length, lastPublished - firstPublished)}/s, consumer ${perSecond(produced.length, lastConsumed - firstConsumed)}/s, all consumed ${lastConsumed - first} ms after the first commit)`,
      );
    };

    await run('sequential', events, async () => {
      for (let i = 0; i < events; i += 1) await producer.ok(CREATE, { i: nextPerson() });
    });
    await run('burst of 25', events, async () => {
      for (let i = 0; i < events; i += 25) await Promise.all(Array.from({ length: Math.min(25, events - i) }, () => producer.ok(CREATE, { i: nextPerson() })));
    });
    const tickMs = 20;
    const total = rate * seconds;
    await run(`sustained ${rate}/s for ${seconds} s`, total, async () => {
      const started = Date.now();
      let written = 0;
      while (written < total) {
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
        if (due > written) {
          const batch = due - written;
          await recordPeople(batch);
          written += batch;
        }
        await new Promise((resolve) => setTimeout(resolve, tickMs));
      }
    });
    await run(`max (${maxEvents} as fast as committed)`, maxEvents, async () => {
      for (let written = 0; written < maxEvents; written += 200) await recordPeople(Math.min(200, maxEvents - written));
    });
  } finally {
    await consumer.stop();
    await producer.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
