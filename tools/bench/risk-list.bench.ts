/**
 * The risk register at scale: seeds N risks (default 25,000) directly in SQL into a fresh test database, then
 * times typical list queries through risk-service's GraphQL endpoint (median and max of several runs, in ms),
 * plus the heat map, a full assessment run snapshot and the treatment plan XLSX export.
 * Needs PostgreSQL and KAFKA_BROKERS (default 127.0.0.1:9092).
 *   node -r @swc-node/register tools/bench/risk-list.bench.ts [risks=25000]
 */
import 'reflect-metadata';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, uniqueTopicPrefix } from '@iso27001/testing';
import { risk as riskSubgraph } from '../../apps/risk-service/src/subgraph';

const REGISTER = `query($filter: RiskFilterInput, $sort: RiskSortField, $first: Int, $after: String, $offset: Int) {
  riskRegister(filter: $filter, sort: $sort, first: $first, after: $after, offset: $offset) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id title currentLevel inherentScore residualLevel needsAcceptance owner { id } actions { title } assets { name } } } }`;

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 25_000);
  const prefix = uniqueTopicPrefix('bench-risk');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const service = await startTestSubgraph(riskSubgraph, { topicPrefix: prefix });
  const claims = testClaims([Role.IsmsManager]);
  try {
    const owners = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
    const units = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`);
    const seeded = Date.now();
    const ds = service.deps.dataSource;
    await ds.query(`INSERT INTO person_replica (organisation_id, person_id, email, name, active, updated_at)
                    SELECT $1, p, 'owner' || n || '@bank.example', 'Owner ' || n, true, now() FROM unnest($2::uuid[]) WITH ORDINALITY AS t(p, n)`, [TEST_ORGANISATION_ID, owners]);
    const level = (expr: string) => `CASE WHEN ${expr} <= 4 THEN 'LOW' WHEN ${expr} <= 9 THEN 'MEDIUM' WHEN ${expr} <= 16 THEN 'HIGH' ELSE 'CRITICAL' END`;
    const rank = (expr: string) => `CASE WHEN ${expr} <= 4 THEN 1 WHEN ${expr} <= 9 THEN 2 WHEN ${expr} <= 16 THEN 3 ELSE 4 END`;
    await ds.query(
      `WITH g AS (
         SELECT n, 1 + (n * 7) % 5 AS l, 1 + (n * 11) % 5 AS i,
                CASE WHEN n % 3 = 0 THEN 1 + (n * 5) % 3 END AS rl, CASE WHEN n % 3 = 0 THEN 1 + (n * 13) % 4 END AS ri
         FROM generate_series(1, $1) n)
       INSERT INTO risk (organisation_id, title, threat, owner_id, unit_id, inherent_likelihood, inherent_impact, inherent_version, inherent_level, inherent_rank,
                         residual_likelihood, residual_impact, residual_version, residual_level, residual_rank, current_level, current_rank, current_score,
                         needs_acceptance, treatment, treatment_rationale, control_ids, status, next_review_on, updated_at)
       SELECT $2, 'Risk ' || lpad(n::text, 6, '0') || ' ' || (ARRAY['phishing','ransomware','insider','supplier outage','data leak'])[1 + n % 5],
              (ARRAY['Phishing','Ransomware','Insider','Outage','Leak'])[1 + n % 5],
              ($3::uuid[])[1 + n % 200], ($4::uuid[])[1 + n % 40], l, i, 1, ${level('l * i')}, ${rank('l * i')},
              rl, ri, CASE WHEN rl IS NOT NULL THEN 1 END, CASE WHEN rl IS NOT NULL THEN ${level('rl * ri')} END, CASE WHEN rl IS NOT NULL THEN ${rank('rl * ri')} END,
              COALESCE(CASE WHEN rl IS NOT NULL THEN ${level('rl * ri')} END, ${level('l * i')}),
              COALESCE(CASE WHEN rl IS NOT NULL THEN ${rank('rl * ri')} END, ${rank('l * i')}),
              COALESCE(rl * ri, l * i),
              rl IS NOT NULL AND rl * ri > 9 AND n % 2 = 0,
              CASE WHEN n % 3 = 0 THEN 'MODIFY' WHEN n % 7 = 0 THEN 'ACCEPT' END, CASE WHEN n % 3 = 0 OR n % 7 = 0 THEN 'Seeded' END,
              CASE WHEN n % 3 = 0 THEN ARRAY['A.8.13', 'A.5.15'] ELSE '{}' END,
              CASE WHEN n % 17 = 0 THEN 'CLOSED' ELSE 'OPEN' END,
              DATE '2026-01-01' + (n % 365), now() - (n || ' seconds')::interval
       FROM g`,
      [total, TEST_ORGANISATION_ID, owners, units],
    );
    await ds.query(`INSERT INTO risk_action (organisation_id, risk_id, title, owner_id, due_on, status)
                    SELECT organisation_id, id, 'Action for ' || title, owner_id, next_review_on, 'PLANNED' FROM risk WHERE treatment = 'MODIFY'`);
    await ds.query('ANALYZE');
    console.log(`seeded ${total} risks (+ actions for the treated third) in ${Date.now() - seeded} ms`);

    const time = async (label: string, run: () => Promise<unknown>, repeat = 7) => {
      await run(); // warm-up
      const ms: number[] = [];
      for (let i = 0; i < repeat; i += 1) {
        const started = process.hrtime.bigint();
        await run();
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      ms.sort((a, b) => a - b);
      console.log(`${label.padEnd(58)} median ${ms[Math.floor(ms.length / 2)].toFixed(1).padStart(7)} ms   max ${ms.at(-1)!.toFixed(1).padStart(7)} ms`); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    };
    const page = (variables: Record<string, unknown>) => () => service.ok(REGISTER, variables, claims);
    await time('first page of 50 by score (default)', page({ first: 50 }));
    await time('first page of 50 by title', page({ sort: 'TITLE', first: 50 }));
    await time('first page of 50 by next review date', page({ sort: 'DUE', first: 50 }));
    await time('first page of 50 by last update', page({ sort: 'UPDATED', first: 50 }));
    const deep = await service.ok<{ riskRegister: { pageInfo: { endCursor: string } } }>(REGISTER, { sort: 'TITLE', first: 500, offset: 20_000 }, claims);
    await time('page of 50 by title after a cursor deep in the list', page({ sort: 'TITLE', first: 50, after: deep.riskRegister.pageInfo.endCursor }));
    await time('page of 50 by title at offset 20,000', page({ sort: 'TITLE', first: 50, offset: 20_000 }));
    await time('filter: owner + status OPEN, by score', page({ filter: { ownerId: owners[7], status: 'OPEN' }, first: 50 }));
    await time('filter: unit + level HIGH, by due', page({ filter: { unitId: units[3], level: 'HIGH' }, sort: 'DUE', first: 50 }));
    await time('filter: needsAcceptance, by score', page({ filter: { needsAcceptance: true }, first: 50 }));
    await time('filter: treatment MODIFY, by updated', page({ filter: { treatment: 'MODIFY' }, sort: 'UPDATED', first: 50 }));
    await time('search "ransomware", by score', page({ filter: { search: 'ransomware' }, first: 50 }));
    await time('page of 500 by score (max page size)', page({ first: 500 }));
    await time('heat map (inherent and residual)', () => service.ok('{ riskHeatMap { inherent { count } residual { count } } }', {}, claims));
    await time('assessment run snapshot of the whole register', () => service.ok('mutation { startAssessmentRun(title: "bench") { riskCount } }', {}, claims), 3);
    await time('risk treatment plan rows (all treated risks)', () => service.ok('{ riskTreatmentPlan { riskId actions { title } } }', {}, claims), 3);
    await time('risk treatment plan XLSX export', () => service.ok('{ exportRiskTreatmentPlan(format: XLSX) { filename } }', {}, claims), 3);
  } finally {
    await service.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
