/**
 * Event lag, commit to consumer: people created in isms-service reach training-service's replica through the
 * outbox, the relay, Kafka and the idempotent consumer. Lag per event = the consumer's consumed_at minus the
 * outbox row's created_at (one PostgreSQL clock). Prints p50/p95/max for a sequential stream and for a burst of
 * concurrent changes, and their ratio. Needs KAFKA_BROKERS (default 127.0.0.1:9092) and PostgreSQL.
 *   node -r @swc-node/register tools/bench/event-lag.bench.ts [events=300]
 */
import 'reflect-metadata';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../apps/isms-service/src/subgraph';
import { training } from '../../apps/training-service/src/subgraph';

const CREATE = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 300);
  const prefix = uniqueTopicPrefix('bench');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const producer = await startTestSubgraph(isms, { topicPrefix: prefix });
  const consumer = await startTestSubgraph(training, { topicPrefix: prefix, secret: producer.secret });
  try {
    const lags = async (label: string, create: () => Promise<void>): Promise<number[]> => {
      const before = Number((await producer.deps.dataSource.query('SELECT count(*) FROM outbox_event'))[0].count);
      const started = Date.now();
      await create();
      const expected = before + events;
      await eventually(`${label}: ${events} events consumed`, async () => Number((await consumer.deps.dataSource.query("SELECT count(*) FROM consumed_event WHERE type = 'isms.person.upserted'"))[0].count) >= expected, { timeoutMs: 300_000 });
      const elapsed = Date.now() - started;
      const produced: { id: string; created_at: Date; published_at: Date }[] = await producer.deps.dataSource.query(
        'SELECT id, created_at, published_at FROM outbox_event ORDER BY seq OFFSET $1',
        [before],
      );
      const relayLags = produced.map((row) => row.published_at.getTime() - row.created_at.getTime()).sort((a, b) => a - b);
      const consumed = new Map<string, Date>(
        ((await consumer.deps.dataSource.query('SELECT event_id, consumed_at FROM consumed_event')) as { event_id: string; consumed_at: Date }[]).map((r) => [r.event_id, r.consumed_at]),
      );
      const values = produced.map((row) => consumed.get(row.id)!.getTime() - row.created_at.getTime()).sort((a, b) => a - b); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      console.log(`${label.padEnd(22)} ${events} events in ${elapsed} ms (${Math.round((events / elapsed) * 1000)}/s)  lag p50 ${percentile(values, 50)} ms  p95 ${percentile(values, 95)} ms  max ${values.at(-1)} ms  (of which outbox→broker p50 ${percentile(relayLags, 50)} ms)`);
      return values;
    };
    let n = 0;
    const person = () => ({ i: { email: `bench.${n}@example.test`, name: `Bench Person ${(n += 1)}` } });
    const sequential = await lags('sequential changes', async () => {
      for (let i = 0; i < events; i += 1) await producer.ok(CREATE, person());
    });
    const burst = await lags('burst of 25 at a time', async () => {
      for (let i = 0; i < events; i += 25) await Promise.all(Array.from({ length: Math.min(25, events - i) }, () => producer.ok(CREATE, person())));
    });
    console.log(`ratio burst/sequential p50 lag: ${(percentile(burst, 50) / Math.max(1, percentile(sequential, 50))).toFixed(2)}`);
  } finally {
    await consumer.close();
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
