/**
 * Runs the portal's journeys: starts the whole platform on throw-away test databases and a unique topic prefix
 * (real PostgreSQL, real Kafka), loads the demo data, serves the built portal, runs every journey of
 * apps/portal-e2e/src/journeys in Chromium with @playwright/test, then stops everything and drops the databases.
 * Extra arguments go to Playwright (e.g. `npm run test:e2e -- risk.journey.ts`). Screenshots of every screen are kept
 * in .data/e2e/screens; the count of passed journeys is written to .data/e2e/summary.json.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { seedDemoData } from '../../../tools/dev/demo-data';
import { ROOT, startPlatform } from '../../../tools/dev/platform';
import { SERVICES } from '../../../tools/dev/services';
import { KeycloakFront, startKeycloakFront } from './keycloak-front';

async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const name of [...SERVICES.map((service) => service.name), 'gateway']) await client.query(`DROP DATABASE IF EXISTS "${prefix}${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function runPlaywright(portalUrl: string, demoPassword: string, reportFile: string, extraArgs: string[]): Promise<number> {
  const cli = require.resolve('@playwright/test/cli');
  const args = [cli, 'test', '-c', path.join(ROOT, 'apps/portal-e2e/playwright.config.ts'), '--reporter=list,json', ...extraArgs];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, PORTAL_URL: portalUrl.replace(/\/$/, ''), DEMO_PASSWORD: demoPassword, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const runId = randomBytes(3).toString('hex');
  const databasePrefix = `test_e2e_${runId}_`;
  const outDir = path.join(ROOT, '.data/e2e');
  rmSync(path.join(outDir, 'screens'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const log = (line: string): void => console.log(`[e2e] ${line}`);
  const databaseUrl = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // Access tokens of 90 s: the portal renews them with the refresh token every half minute during the journeys.
  process.env['OIDC_ACCESS_TOKEN_TTL'] ??= '90';
  // One claims secret for both gateways: the Keycloak front forwards callers to the same subgraphs.
  const claimsSecret = (process.env['CLAIMS_SECRET'] ??= randomBytes(32).toString('hex'));
  const portOffset = Number(process.env['E2E_PORT_OFFSET'] ?? 0);
  const dataDir = path.join(ROOT, '.data', `e2e-${runId}`);
  const platform = await startPlatform({
    databaseUrl,
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    databasePrefix,
    topicPrefix: `test.e2e.${runId}.`,
    portal: 'preview',
    dataDir,
    log,
    // E2E_PORT_OFFSET=100 runs the journeys beside a platform started with `npm start`.
    portOffset,
  });
  let exitCode = 1;
  let keycloakFront: KeycloakFront | null = null;
  try {
    await seedDemoData(platform, log);
    // The keycloak journey: the same subgraphs behind a gateway that trusts a real Keycloak.
    keycloakFront = await startKeycloakFront({ claimsSecret, databaseUrl, portOffset, dataDir, log });
    Object.assign(process.env, { KEYCLOAK_ISSUER: keycloakFront.issuer, KEYCLOAK_GATEWAY_URL: keycloakFront.gatewayOrigin, KEYCLOAK_PORTAL_URL: keycloakFront.portalUrl });
    const reportFile = path.join(outDir, 'report.json');
    exitCode = await runPlaywright(platform.portalUrl!, platform.demoPassword, reportFile, process.argv.slice(2)); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify({ passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky }));
    log(`${report.stats.expected} journeys passed, ${report.stats.unexpected} failed; screenshots of every screen in ${path.join(outDir, 'screens')}`);
  } finally {
    await keycloakFront?.stop();
    await platform.stop();
    await dropDatabases(databaseUrl, databasePrefix);
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[e2e] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
