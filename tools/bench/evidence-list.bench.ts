/**
 * The evidence list at scale: seeds N evidence items (default 250,000) in SQL into a fresh test database, each with a
 * version and one to three Annex A controls (and a clause on every fifth), spread over 40 departments, then times
 * `evidenceItems` pages of 50 with their totals through evidence-service's GraphQL endpoint, by filter: p50 and p99
 * over R runs each (default 200), printed as ratios to the target (p99 ≤ 100 ms).
 * Needs PostgreSQL and KAFKA_BROKERS (default 127.0.0.1:9092).
 *   node -r @swc-node/register tools/bench/evidence-list.bench.ts [items=250000] [runs=200]
 */
import 'reflect-metadata';
import { Claims, Role } from '@iso27001/authz';
import { ANNEX_A } from '@iso27001/iso27001';
import { deleteTopicsWithPrefix, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, uniqueTopicPrefix } from '@iso27001/testing';
import { evidence as evidenceSubgraph } from '../../apps/evidence-service/src/subgraph';

const TARGET_P99_MS = 100;
const LIST = `query($filter: EvidenceFilterInput, $first: Int, $offset: Int) {
  evidenceItems(filter: $filter, first: $first, offset: $offset) { totalCount nodes { id title status source unitId effectiveDate validUntil versionNumber controlIds clauses } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 250_000);
  const runs = Number(process.argv[3] ?? 200);
  const prefix = uniqueTopicPrefix('bench-evidence');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const service = await startTestSubgraph(evidenceSubgraph, { topicPrefix: prefix });
  try {
    const units = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`);
    const controls = ANNEX_A.map((control) => control.id);
    const ds = service.deps.dataSource;
    const seeded = Date.now();
    // Statuses: 45 % approved, 25 % collected, 10 % rejected, 20 % expired; validity ends spread over 2025–2028.
    await ds.query(
      `INSERT INTO evidence_item (organisation_id, unit_id, title, description, source, collected_at, collected_by, effective_date, period_start, period_end,
                                  valid_until, status, current_version, reviewed_by, reviewed_at, review_reason)
       SELECT $1, ($2::uuid[])[1 + n % 40], 'Evidence ' || lpad(n::text, 6, '0') || ' ' || (ARRAY['access review','backup restore','log review','supplier assessment','training record'])[1 + n % 5],
              'Seeded', (ARRAY['MANUAL','MANUAL','COLLECTOR','GENERATED'])[1 + n % 4],
              timestamptz '2026-11-30' - (n || ' minutes')::interval, 'collector-' || (n % 300),
              DATE '2025-01-01' + (n % 700), DATE '2025-01-01' + (n % 700) - 90, DATE '2025-01-01' + (n % 700),
              DATE '2025-01-01' + (n % 1400),
              CASE WHEN n % 20 < 9 THEN 'APPROVED' WHEN n % 20 < 14 THEN 'COLLECTED' WHEN n % 20 < 16 THEN 'REJECTED' ELSE 'EXPIRED' END,
              1,
              CASE WHEN n % 20 < 9 OR n % 20 >= 14 THEN 'reviewer' END, CASE WHEN n % 20 < 9 OR n % 20 >= 14 THEN now() END,
              CASE WHEN n % 20 IN (14, 15) THEN 'incomplete' END
         FROM generate_series(1, $3) n`,
      [TEST_ORGANISATION_ID, units, total],
    );
    await ds.query(
      `INSERT INTO evidence_version (organisation_id, evidence_id, number, kind, url, status, decision, collected_by, collected_at, reviewed_by, reviewed_at, review_reason)
       SELECT organisation_id, id, 1, 'LINK', 'https://evidence.example.com/' || id, status,
              CASE WHEN status IN ('APPROVED', 'EXPIRED') THEN 'APPROVED' WHEN status = 'REJECTED' THEN 'REJECTED' END,
              collected_by, collected_at, reviewed_by, reviewed_at, review_reason
         FROM evidence_item`,
    );
    await ds.query(
      `INSERT INTO evidence_mapping (organisation_id, evidence_id, kind, ref, mapped_by, mapped_at)
       SELECT DISTINCT organisation_id, id, 'CONTROL', ($1::text[])[1 + (h + k * 31) % 93], collected_by, collected_at
         FROM (SELECT organisation_id, id, collected_by, collected_at, abs(hashtext(id::text)) AS h FROM evidence_item) e,
              generate_series(0, 2) k
        WHERE k <= h % 3`,
      [controls],
    );
    await ds.query(
      `INSERT INTO evidence_mapping (organisation_id, evidence_id, kind, ref, mapped_by, mapped_at)
       SELECT organisation_id, id, 'CLAUSE', (ARRAY['7.2','7.3','9.1','9.2.2','9.3.2'])[1 + (abs(hashtext(id::text)) / 5) % 5], collected_by, collected_at
         FROM evidence_item WHERE abs(hashtext(id::text)) % 5 = 0`,
    );
    await ds.query('VACUUM ANALYZE evidence_item');
    await ds.query('VACUUM ANALYZE evidence_mapping');
    await ds.query('VACUUM ANALYZE evidence_version');
    const [{ mappings }] = await ds.query('SELECT count(*)::int AS mappings FROM evidence_mapping');
    console.log(`seeded ${total} evidence items, ${total} versions and ${mappings} mappings in ${Date.now() - seeded} ms`);
    await ds.query('VACUUM ANALYZE evidence_item_tally');
    if (process.env['BENCH_KEEP'] === 'true') {
      console.log(`kept: ${String(ds.options.database)}`);
      await new Promise(() => undefined);
    }

    const manager = testClaims([Role.IsmsManager]);
    const owner = testClaims([Role.ControlOwner], { unitIds: units.slice(0, 3) });
    const auditor = testClaims([Role.ExternalAuditor], { unitIds: units.slice(0, 5), engagementId: units[39], periodStart: '2026-01-01', periodEnd: '2026-06-30' });
    const rows: { label: string; p50: number; p99: number; totalCount: number }[] = [];
    const measure = async (label: string, run: () => Promise<{ evidenceItems?: { totalCount: number } }>) => {
      const first = await run(); // warm-up
      for (let i = 0; i < 5; i += 1) await run();
      const ms: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const started = process.hrtime.bigint();
        await run();
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      ms.sort((a, b) => a - b);
      rows.push({ label, p50: percentile(ms, 50), p99: percentile(ms, 99), totalCount: first.evidenceItems?.totalCount ?? 0 });
    };
    const time = (label: string, filter: Record<string, unknown>, claims: Claims = manager, page: Record<string, number> = { first: 50 }) =>
      measure(label, () => service.ok<{ evidenceItems: { totalCount: number } }>(LIST, { filter, ...page }, claims));
    // What a request costs through the subgraph on this machine at this moment, whatever it asks (HTTP, claims, GraphQL).
    await measure('baseline: { __typename } (no database)', () => service.ok('{ __typename }', {}, manager));
    await time('no filter (newest first)', {});
    await time('by control A.8.13', { controlId: 'A.8.13' });
    await time('by clause 9.2.2', { clause: '9.2.2' });
    await time('by unit', { unitId: units[7] });
    await time('by status APPROVED', { status: 'APPROVED' });
    await time('by status COLLECTED (review queue)', { status: 'COLLECTED' });
    await time('expiring before 2026-03-01', { expiringBefore: '2026-03-01' });
    await time('by control + status APPROVED', { controlId: 'A.5.15', status: 'APPROVED' });
    await time('by unit + expiring before 2027-01-01', { unitId: units[11], expiringBefore: '2027-01-01' });
    await time('control owner of 3 units, by control', { controlId: 'A.8.13' }, owner);
    await time('external auditor: 5 units, H1 2026', {}, auditor);
    await time('page at offset 10,000, no filter', {}, manager, { first: 50, offset: 10_000 });

    console.log(`\nevidenceItems, pages of 50 with totals, ${runs} runs each, through the subgraph (target p99 <= ${TARGET_P99_MS} ms):`);
    console.log(`${'filter'.padEnd(40)} ${'total'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p99/target'.padStart(11)}`);
    for (const row of rows) {
      console.log(
        `${row.label.padEnd(40)} ${String(row.totalCount).padStart(8)} ${row.p50.toFixed(1).padStart(8)} ${row.p99.toFixed(1).padStart(8)} ${(row.p99 / TARGET_P99_MS).toFixed(2).padStart(10)}×`,
      );
    }
    const worst = rows.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    console.log(`worst p99: ${worst.p99.toFixed(1)} ms (${worst.label}) = ${(worst.p99 / TARGET_P99_MS).toFixed(2)}× the target`);
  } finally {
    await service.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
