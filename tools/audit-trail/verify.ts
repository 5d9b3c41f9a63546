/**
 * Recomputes the hash chain of every service's audit trail and reports, per service, the rows checked and the first
 * broken row with the reason (edited, inserted, removed). Exit code 1 on any break, 2 when a database can't be read.
 *   npm run audit-trail:verify                      the six service databases of `npm start`
 *   npm run audit-trail:verify -- --database NAME   given databases instead (repeatable)
 * Reads DATABASE_URL (default: the embedded PostgreSQL of `npm start`, 127.0.0.1:5433) and DATABASE_PREFIX (`iso_`),
 * as `npm start` does.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { databaseUrl, verifyTrail } from '@iso27001/platform';
import { EMBEDDED_POSTGRES_PORT, SERVICES } from '../dev/services';
import { renderReport, TrailVerification } from './verify.rules';

async function verifyDatabase(serverUrl: string, database: string): Promise<TrailVerification> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, database) });
  try {
    await client.connect();
    const chains = await verifyTrail(async (sql, parameters) => (await client.query(sql, parameters)).rows);
    return { database, chains };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === '3D000' ? 'the database does not exist' : code === '42P01' ? 'it has no audit trail (its service has not run its migrations)' : (error as Error).message;
    return { database, chains: [], error: reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { database: { type: 'string', multiple: true }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log('usage: npm run audit-trail:verify [-- --database NAME ...]');
    return 0;
  }
  const serverUrl = process.env['DATABASE_URL'] ?? `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/postgres`;
  const prefix = process.env['DATABASE_PREFIX'] ?? 'iso_';
  const databases = values.database?.length ? values.database : SERVICES.map((service) => `${prefix}${service.name}`);
  const results: TrailVerification[] = [];
  for (const database of databases) results.push(await verifyDatabase(serverUrl, database));
  const { lines, exitCode } = renderReport(results);
  for (const line of lines) console.log(line);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(2);
  },
);
