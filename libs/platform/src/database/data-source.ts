import { Client } from 'pg';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { databaseUrl } from '../config';
import { ConsumedEvent } from '../events/consumed-event.entity';
import { OutboxEvent } from '../events/outbox-event.entity';
import { PlatformTables1764300000000 } from './platform-tables.migration';
import { AuditTrail1764300000001 } from '../audit-trail/audit-trail.migration';
import { AuditTrailUnit1764300011000 } from '../audit-trail/audit-trail-unit.migration';
import { AuditTrailSubscriber } from '../audit-trail/audit-trail.subscriber';
import { withAdvisoryLock } from './advisory-lock';

export interface DataSourceOptions {
  serverUrl: string;
  database: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  poolSize?: number;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name "${name}"`);
  return `"${name}"`;
}

/** Creates the database on the server if it does not exist yet (each service owns one). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
      } catch (error) {
        // Another replica created it between our check and our create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * The service's TypeORM data source: its own entities plus the platform's outbox and consumed-event tables and the
 * audit trail (written by its subscriber when a mutation's transaction commits), schema from migrations only (never
 * synchronize).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl(options.serverUrl, options.database),
    entities: [...(options.entities as unknown[]), OutboxEvent, ConsumedEvent] as DataSourceOptions['entities'],
    migrations: [PlatformTables1764300000000, AuditTrail1764300000001, AuditTrailUnit1764300011000, ...options.migrations],
    subscribers: [AuditTrailSubscriber],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: options.poolSize ?? 10 },
  });
}

/**
 * Connects and applies pending migrations; returns the names of the migrations it ran. Replicas starting at the
 * same time take turns (a PostgreSQL advisory lock), so each migration runs once.
 */
export async function openDatabase(options: DataSourceOptions): Promise<{ dataSource: DataSource; applied: string[] }> {
  await ensureDatabase(options.serverUrl, options.database);
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    const applied = await withAdvisoryLock(databaseUrl(options.serverUrl, options.database), 'schema_migrations', () =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
    return { dataSource, applied: applied.map((migration) => migration.name) };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
