/**
 * SoA export time: the Statement of Applicability with 93 controls × N departments of control implementations,
 * exported through the GraphQL API (read, build, base64) as XLSX, PDF, CSV and OSCAL, on a fresh test database.
 * Prints the median and the worst of a few runs per format, and the size of each file.
 *   node -r @swc-node/register tools/bench/soa-export.bench.ts [units=50] [runs=5]
 * Needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432) and KAFKA_BROKERS (default 127.0.0.1:9092).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { ANNEX_A } from '@iso27001/iso27001';
import { deleteTopicsWithPrefix, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, uniqueTopicPrefix } from '@iso27001/testing';
import { controls } from '../../apps/controls-service/src/subgraph';

const EXPORT = 'query($f: SoaExportFormat!, $v: Int) { exportStatementOfApplicability(format: $f, version: $v) { filename base64 } }';
const STATUSES = ['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'];

async function main(): Promise<void> {
  const units = Number(process.argv[2] ?? 50);
  const runs = Number(process.argv[3] ?? 5);
  process.env['TEST_LOG_LEVEL'] = 'error';
  const prefix = uniqueTopicPrefix('bench-soa');
  const service = await startTestSubgraph(controls, { topicPrefix: prefix });
  const db = service.deps.dataSource;
  try {
    const unitIds = Array.from({ length: units }, () => randomUUID());
    const org = TEST_ORGANISATION_ID;
    await db.query('INSERT INTO isms_scope (organisation_id, scope_id, version, in_scope_unit_ids, approved_at) VALUES ($1, $2, 1, $3, now())', [org, randomUUID(), unitIds]);
    // Three in four controls applicable, with owners, policies, evidence and a risk; the rest excluded with a justification.
    await db.query(
      `INSERT INTO soa_entry (organisation_id, control_id, applicable, reasons, justification, risk_ids, owner_id, owner_ids, policy_ids, evidence_ids, implementation_status)
       SELECT $1, c.id, c.n % 4 <> 0,
              CASE WHEN c.n % 4 <> 0 THEN ARRAY['LEGAL', 'BUSINESS'] ELSE '{}' END,
              CASE WHEN c.n % 4 <> 0 THEN NULL ELSE 'Not relevant: ' || c.id || ' does not apply to a fully cloud-hosted operation' END,
              ARRAY[gen_random_uuid()], o.id, ARRAY[o.id, gen_random_uuid()], ARRAY[gen_random_uuid(), gen_random_uuid()],
              ARRAY[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()],
              CASE WHEN c.n % 4 <> 0 THEN ($3::text[])[1 + c.n % 4] ELSE 'NOT_STARTED' END
       FROM unnest($2::text[]) WITH ORDINALITY AS c(id, n), LATERAL (SELECT gen_random_uuid() AS id) o`,
      [org, ANNEX_A.map((control) => control.id), STATUSES],
    );
    const started = Date.now();
    await db.query(
      `INSERT INTO control_implementation (id, organisation_id, control_id, unit_id, owner_id, status, maturity, description, test_procedure, test_frequency, last_tested_on)
       SELECT gen_random_uuid(), $1, c.id, u.id, gen_random_uuid(), (ARRAY['PLANNED','PARTIALLY_IMPLEMENTED','IMPLEMENTED'])[1 + (u.n + c.n) % 3], (u.n + c.n) % 6,
              'In department ' || u.n || ', ' || c.id || ' is done by a documented procedure, reviewed by the unit lead and logged in the ticketing system.',
              'Sample five records and check them against the procedure', (ARRAY['MONTHLY','QUARTERLY','SEMI_ANNUALLY','ANNUALLY'])[1 + u.n % 4], current_date - (u.n + c.n)::int
       FROM unnest($2::text[]) WITH ORDINALITY AS c(id, n), unnest($3::uuid[]) WITH ORDINALITY AS u(id, n)`,
      [org, ANNEX_A.map((control) => control.id), unitIds],
    );
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM control_implementation');
    console.log(`seeded 93 SoA entries and ${n} implementations (${units} units) in ${Date.now() - started} ms`);

    const manager = testClaims([Role.IsmsManager], { name: 'Bench Manager' });
    const { submitSoaVersion } = await service.ok<{ submitSoaVersion: { id: string } }>('mutation { submitSoaVersion(note: "Benchmark") { id } }', {}, manager);
    await service.ok('mutation($id: ID!) { approveSoaVersion(id: $id) { number } }', { id: submitSoaVersion.id }, testClaims([Role.Executive], { name: 'Bench Executive' }));
    const auditor = testClaims([Role.ExternalAuditor]);
    for (const format of ['XLSX', 'PDF', 'CSV', 'OSCAL_PROFILE', 'OSCAL_COMPONENT_DEFINITION']) {
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run < runs + 1; run += 1) {
        const t0 = process.hrtime.bigint();
        const result = await service.ok<{ exportStatementOfApplicability: { base64: string } }>(EXPORT, { f: format, v: 1 }, auditor);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        size = Buffer.from(result.exportStatementOfApplicability.base64, 'base64').length;
        if (run > 0) times.push(ms); // the first run warms up the code paths
      }
      times.sort((a, b) => a - b);
      console.log(`${format.padEnd(28)} median ${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(6)} ms   worst ${times.at(-1)!.toFixed(0).padStart(6)} ms   ${(size / 1024).toFixed(0)} KiB`);
    }
  } finally {
    await service.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
