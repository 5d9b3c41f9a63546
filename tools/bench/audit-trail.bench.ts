/**
 * The audit trail's cost on a write-heavy path: createRisk through risk-service's GraphQL endpoint (a risk, its
 * inherent assessment, its outbox event, and with the trail a MUTATION row and two record rows), one at a time and with
 * several in flight (the appends of concurrent mutations queue on the chain's head). Prints p50/p95 per mutation and
 * the throughput; with `--baseline FILE` (a JSON written by a run of this script without the trail, see
 * `--write FILE`), the ratios to it.
 *   node -r @swc-node/register tools/bench/audit-trail.bench.ts [mutations=300] [inFlight=8] [--write FILE] [--baseline FILE]
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { Role } from '@iso27001/authz';
import { AuditEntry, appendToTrail } from '@iso27001/platform';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, uniqueTopicPrefix } from '@iso27001/testing';
import { risk as riskSubgraph } from '../../apps/risk-service/src/subgraph';

const CREATE_RISK = 'mutation($input: CreateRiskInput!) { createRisk(input: $input) { id } }';

interface Figures {
  sequentialP50: number;
  sequentialP95: number;
  concurrentPerSecond: number;
  trailRows: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/**
 * The trail's own statements, apart from the noise of a whole mutation: a transaction with one insert, and the same
 * with the trail's append of three rows (a MUTATION row and two records) before its commit. Skipped without a trail.
 */
async function appendCost(dataSource: DataSource): Promise<void> {
  // Undefined in a checkout without the trail (the baseline run), where there is nothing to time.
  if (typeof appendToTrail !== 'function') return;
  await dataSource.query('CREATE TABLE IF NOT EXISTS bench_row (id serial PRIMARY KEY, title text)');
  const caller = { chain: 'bench', actor: 'bench', actorEmail: null, actorRoles: ['admin'], engagementId: null, operation: 'bench', requestId: 'bench' };
  const entry: AuditEntry = { action: 'INSERT', recordType: 'bench_row', recordId: '1', before: null, after: { title: 'A bench row', score: 12, at: new Date().toISOString() } };
  const time = async (withTrail: boolean): Promise<number> => {
    const durations: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const began = performance.now();
      await dataSource.transaction(async (manager) => {
        await manager.query("INSERT INTO bench_row (title) VALUES ('x')");
        if (withTrail) await appendToTrail(manager.queryRunner!, caller, [{ ...entry, action: 'MUTATION' }, entry, entry]); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      });
      durations.push(performance.now() - began);
    }
    return percentile(durations, 50);
  };
  await time(false);
  const without = await time(false);
  const withTrail = await time(true);
  console.log(`audit-trail: a one-insert transaction p50=${without.toFixed(2)} ms, with the append of 3 trail rows p50=${withTrail.toFixed(2)} ms (×${(withTrail / without).toFixed(2)}, +${(withTrail - without).toFixed(2)} ms)`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { write: { type: 'string' }, baseline: { type: 'string' } } });
  const mutations = Number(positionals[0] ?? 300);
  const inFlight = Number(positionals[1] ?? 8);
  const prefix = uniqueTopicPrefix('bench-trail');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const service = await startTestSubgraph(riskSubgraph, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } });
  const claims = testClaims([Role.IsmsManager]);
  let n = 0;
  const create = () => service.ok(CREATE_RISK, { input: { title: `Bench risk ${(n += 1)}`, inherentLikelihood: 1 + (n % 5), inherentImpact: 1 + (n % 4) } }, claims);
  try {
    for (let i = 0; i < 50; i += 1) await create(); // warm-up: JIT, connection pool, plans
    const durations: number[] = [];
    for (let i = 0; i < mutations; i += 1) {
      const began = performance.now();
      await create();
      durations.push(performance.now() - began);
    }
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < mutations) {
          next += 1;
          await create();
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const [trail] = (await service.deps.dataSource
      .query('SELECT count(*)::int AS n FROM audit_trail')
      .catch(() => [{ n: 0 }])) as { n: number }[];
    const figures: Figures = {
      sequentialP50: percentile(durations, 50),
      sequentialP95: percentile(durations, 95),
      concurrentPerSecond: mutations / seconds,
      trailRows: trail?.n ?? 0,
    };
    console.log(
      `audit-trail: createRisk sequential p50=${figures.sequentialP50.toFixed(2)} ms p95=${figures.sequentialP95.toFixed(2)} ms; ` +
        `${inFlight} in flight ${figures.concurrentPerSecond.toFixed(0)}/s; trail rows ${figures.trailRows}`,
    );
    await appendCost(service.deps.dataSource);
    if (values.write) writeFileSync(values.write, JSON.stringify(figures));
    if (values.baseline) {
      const base = JSON.parse(readFileSync(values.baseline, 'utf8')) as Figures;
      console.log(
        `audit-trail ratio to the baseline: sequential p50 ×${(figures.sequentialP50 / base.sequentialP50).toFixed(2)}, ` +
          `p95 ×${(figures.sequentialP95 / base.sequentialP95).toFixed(2)}, throughput ×${(figures.concurrentPerSecond / base.concurrentPerSecond).toFixed(2)}`,
      );
    }
  } finally {
    await service.close();
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
