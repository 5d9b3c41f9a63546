/**
 * Time to first render of the risk register in the portal, in Chromium, at 25,000 risks (target: at most 1 s, warm).
 * Starts the whole platform on throw-away databases with the demo data and the built portal, measures the register
 * with the demo's handful of risks, then adds N risks (default 25,000) in SQL and measures again, in the same run:
 * from navigation to /risks until the first page of rows is on screen; then a page change and a search.
 * Prints median and max of several warm loads, the ratio to the 1 s target and the ratio of large to small register.
 *   node -r @swc-node/register tools/bench/portal-register.bench.ts [risks=25000] [loads=7]
 * Needs PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432), KAFKA_BROKERS (default 127.0.0.1:9092), free ports
 * 4000–4006 and 4173 (or shifted by BENCH_PORT_OFFSET), and Chromium (CHROMIUM_PATH, else /usr/bin/chromium).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { chromium, type Page } from 'playwright-core';
import { seedDemoData } from '../dev/demo-data';
import { ROOT, startPlatform } from '../dev/platform';
import { SERVICES } from '../dev/services';

const ROW = '[data-testid="risk-register-row"]';
const TARGET_MS = 1_000;

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function seedRisks(url: string, total: number): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ organisation_id: organisationId }] = (await db.query('SELECT organisation_id FROM risk LIMIT 1')).rows as { organisation_id: string }[];
    const owners = ((await db.query('SELECT person_id FROM person_replica')).rows as { person_id: string }[]).map((r) => r.person_id);
    const units = ((await db.query('SELECT unit_id FROM unit_replica')).rows as { unit_id: string }[]).map((r) => r.unit_id);
    const level = (e: string) => `CASE WHEN ${e} <= 4 THEN 'LOW' WHEN ${e} <= 9 THEN 'MEDIUM' WHEN ${e} <= 16 THEN 'HIGH' ELSE 'CRITICAL' END`;
    const rank = (e: string) => `CASE WHEN ${e} <= 4 THEN 1 WHEN ${e} <= 9 THEN 2 WHEN ${e} <= 16 THEN 3 ELSE 4 END`;
    await db.query(
      `WITH g AS (SELECT n, 1 + (n * 7) % 5 AS l, 1 + (n * 11) % 5 AS i FROM generate_series(1, $1) n)
       INSERT INTO risk (organisation_id, title, threat, owner_id, unit_id, inherent_likelihood, inherent_impact, inherent_version, inherent_level, inherent_rank,
                         current_level, current_rank, current_score, needs_acceptance, control_ids, status, next_review_on, updated_at)
       SELECT $2, 'Bench risk ' || lpad(n::text, 6, '0') || ' ' || (ARRAY['phishing','ransomware','insider','supplier outage','data leak'])[1 + n % 5],
              (ARRAY['Phishing','Ransomware','Insider','Outage','Leak'])[1 + n % 5], ($3::uuid[])[1 + n % cardinality($3::uuid[])], ($4::uuid[])[1 + n % cardinality($4::uuid[])],
              l, i, 1, ${level('l * i')}, ${rank('l * i')}, ${level('l * i')}, ${rank('l * i')}, l * i, false, '{}', 'OPEN', DATE '2027-01-01' + (n % 365), now() - (n || ' seconds')::interval
       FROM g`,
      [total, organisationId, owners, units],
    );
    await db.query('ANALYZE risk');
  } finally {
    await db.end();
  }
}

function stats(ms: number[]): { median: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, max: sorted.at(-1) ?? NaN };
}

async function timeFirstRender(page: Page, portalUrl: string, loads: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i <= loads; i += 1) {
    const started = Date.now();
    await page.goto(`${portalUrl}risks`, { waitUntil: 'commit' });
    await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 30_000 });
    if (i > 0) ms.push(Date.now() - started); // the first load warms the caches
  }
  return ms;
}

async function timeInteraction(page: Page, loads: number, act: () => Promise<void>, reset: () => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < loads; i += 1) {
    await reset();
    const before = await page.locator(ROW).first().textContent();
    const started = Date.now();
    await act();
    // Evaluated in the page: the first row has changed and no table is still loading.
    await page.waitForFunction(
      `(() => { const first = document.querySelector(${JSON.stringify(ROW)}); return first !== null && first.textContent !== ${JSON.stringify(before)} && !document.querySelector('[aria-busy="true"]'); })()`,
      undefined,
      { timeout: 30_000 },
    );
    ms.push(Date.now() - started);
  }
  return ms;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 25_000);
  const loads = Number(process.argv[3] ?? 7);
  const runId = randomBytes(3).toString('hex');
  const prefix = `test_bench_${runId}_`;
  const server = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const log = (line: string): void => console.log(`[bench] ${line}`);
  const platform = await startPlatform({
    databaseUrl: server,
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    databasePrefix: prefix,
    topicPrefix: `test.bench.${runId}.`,
    portal: 'preview',
    dataDir: path.join(ROOT, '.data', `bench-${runId}`),
    log: () => undefined,
    // BENCH_PORT_OFFSET=100 runs it beside a platform started with `npm start`.
    portOffset: Number(process.env['BENCH_PORT_OFFSET'] ?? 0),
  });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await seedDemoData(platform, () => undefined);
    const portalUrl = platform.portalUrl!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Signed in as a person would: the portal's button, the embedded provider's login page.
    await page.goto(`${portalUrl}sign-in`);
    await page.getByTestId('sign-in-button').click();
    await page.getByLabel('E-mail').fill('isms.manager@demo.example');
    await page.getByLabel('Password').fill(platform.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();

    const small = stats(await timeFirstRender(page, portalUrl, loads));
    log(`register with the demo's risks: first render median ${small.median} ms, max ${small.max} ms`);

    const seeded = Date.now();
    await seedRisks(databaseUrl(server, `${prefix}risk`), total);
    log(`added ${total.toLocaleString('en-GB')} risks in ${Date.now() - seeded} ms`);
    const large = stats(await timeFirstRender(page, portalUrl, loads));
    log(`register at ${total.toLocaleString('en-GB')} risks: first render median ${large.median} ms, max ${large.max} ms`);
    log(`  ratio to the ${TARGET_MS} ms target: ${(large.median / TARGET_MS).toFixed(2)} (≤ 1 meets it); large / small register: ${(large.median / small.median).toFixed(2)}`);

    const next = stats(
      await timeInteraction(
        page,
        loads,
        () => page.getByRole('button', { name: 'next page' }).click(),
        async () => {
          await page.goto(`${portalUrl}risks`);
          await page.locator(ROW).first().waitFor();
        },
      ),
    );
    log(`  next page: median ${next.median} ms, max ${next.max} ms`);
    const search = stats(
      await timeInteraction(
        page,
        loads,
        () => page.getByLabel('Search', { exact: true }).fill('ransomware'),
        async () => {
          await page.goto(`${portalUrl}risks`);
          await page.locator(ROW).first().waitFor();
        },
      ),
    );
    log(`  search "ransomware": median ${search.median} ms, max ${search.max} ms`);
  } finally {
    await browser.close();
    await platform.stop();
    const admin = new Client({ connectionString: databaseUrl(server, 'postgres') });
    await admin.connect();
    for (const service of SERVICES) await admin.query(`DROP DATABASE IF EXISTS "${prefix}${service.name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
