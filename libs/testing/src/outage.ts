import { Client } from 'pg';
import { databaseUrl } from '@iso27001/platform';
import { assertTestDatabase, testServerUrl } from './database';

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Makes a test database unavailable as a stopped server would be to its clients: open connections are cut and new
 * ones refused, until `restoreTestDatabase`. The server and the other tests' databases are untouched.
 */
export async function takeDownTestDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
}

export async function restoreTestDatabase(name: string): Promise<void> {
  assertTestDatabase(name);
  await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
}
