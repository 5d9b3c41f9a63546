import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl } from '@iso27001/platform';

export function testServerUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Refuses any database whose name does not say it is a test database: tests drop what they create. */
export function assertTestDatabase(name: string): void {
  if (!/test/.test(name)) throw new Error(`refusing to use database "${name}" in a test: its name must contain "test"`);
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file; `drop()` removes it (and its connections). */
export async function createTestDatabase(label: string): Promise<{ name: string; serverUrl: string; drop(): Promise<void> }> {
  const name = `test_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  assertTestDatabase(name);
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    serverUrl: testServerUrl(),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
