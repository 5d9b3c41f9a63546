/**
 * Runs the portal end-to-end test: starts the whole platform on throw-away test databases and a unique topic
 * prefix (real PostgreSQL, real Kafka), loads the demo data, serves the built portal, drives it in Chromium,
 * then stops everything and drops the databases.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { seedDemoData } from '../../../tools/dev/demo-data';
import { ROOT, startPlatform } from '../../../tools/dev/platform';
import { SERVICES } from '../../../tools/dev/services';
import { runPortalE2e } from './overview.e2e';

async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const service of SERVICES) await client.query(`DROP DATABASE IF EXISTS "${prefix}${service.name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const runId = randomBytes(3).toString('hex');
  const databasePrefix = `test_e2e_${runId}_`;
  const artifacts = path.join(ROOT, 'apps/portal-e2e/artifacts');
  mkdirSync(artifacts, { recursive: true });
  const log = (line: string): void => console.log(`[e2e] ${line}`);
  const databaseUrl = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const platform = await startPlatform({
    databaseUrl,
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    databasePrefix,
    topicPrefix: `test.e2e.${runId}.`,
    portal: 'preview',
    dataDir: path.join(ROOT, '.data', `e2e-${runId}`),
    log,
  });
  try {
    await seedDemoData(platform.gatewayOrigin, log);
    await runPortalE2e({ portalUrl: platform.portalUrl!, screenshotPath: path.join(artifacts, 'programme-overview.png') }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    log(`portal renders the programme overview (screenshot in ${artifacts})`);
  } finally {
    await platform.stop();
    await dropDatabases(databaseUrl, databasePrefix);
  }
}

main().catch((error: unknown) => {
  console.error(`[e2e] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
