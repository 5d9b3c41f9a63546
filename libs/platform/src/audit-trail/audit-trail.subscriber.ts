import {
  EntityMetadata,
  EventSubscriber,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
  UpdateEvent,
} from 'typeorm';
import { AuditScope, currentAuditScope, operationEntry } from './audit-trail.middleware';
import { AuditAction, boundedSnapshot, JsonValue } from './audit-trail.rules';
import { AuditEntry, appendToTrail } from './audit-trail.service';
import { auditUnitSpecOf, AuditUnitVia, commonUnit } from './audit-trail.units';

/**
 * Tables the trail leaves out: the platform's own (outbox, consumed events, migrations, the trail itself) and the
 * replicas that events feed (written by event handlers, never by a mutation of this service).
 */
const EXCLUDED_TABLES = new Set(['outbox_event', 'consumed_event', 'schema_migrations', 'audit_trail', 'audit_trail_head']);

export function isAudited(tableName: string): boolean {
  return !EXCLUDED_TABLES.has(tableName) && !tableName.endsWith('_replica');
}

/** An entry whose unit is another record's: looked up in the transaction, just before the rows are written. */
interface UnitLookup {
  via: AuditUnitVia;
  id: string;
}

/** What a transaction of a mutation changed so far, and where each open savepoint began. */
interface Pending {
  entries: AuditEntry[];
  lookups: Map<AuditEntry, UnitLookup>;
  savepoints: number[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record's own `unitId` (after the change, else before), lower-case; undefined when the entity has no such column. */
function ownUnitOf(metadata: EntityMetadata, after: ObjectLiteral | undefined | null, before: ObjectLiteral | undefined | null): string | null | undefined {
  const column = metadata.columns.find((candidate) => candidate.propertyPath === 'unitId');
  if (!column) return undefined;
  for (const entity of [after, before]) {
    if (!entity) continue;
    const value: unknown = column.getEntityValue(entity);
    if (typeof value === 'string' && value) return value.toLowerCase();
  }
  return null;
}

/** Where an entity without its own unit column finds it: the record it belongs to, if it declared one. */
function unitLookupOf(metadata: EntityMetadata, after: ObjectLiteral | undefined | null, before: ObjectLiteral | undefined | null): UnitLookup | null {
  const spec = auditUnitSpecOf(metadata.target);
  if (!spec || !('via' in spec)) return null;
  for (const entity of [after, before]) {
    const value: unknown = entity?.[spec.via.key];
    if (typeof value === 'string' && value) return { via: spec.via, id: value };
  }
  return null;
}

/** Looks the pending entries' units up, one query per parent table, in the transaction that writes them. */
async function resolveUnits(queryRunner: Pick<QueryRunner, 'query'>, lookups: Map<AuditEntry, UnitLookup>): Promise<void> {
  const byTable = new Map<string, { via: AuditUnitVia; entries: [AuditEntry, string][] }>();
  for (const [entry, lookup] of lookups) {
    const key = `${lookup.via.table}.${lookup.via.idColumn ?? 'id'}.${lookup.via.unitColumn ?? 'unit_id'}`;
    const group = byTable.get(key) ?? { via: lookup.via, entries: [] };
    group.entries.push([entry, lookup.id]);
    byTable.set(key, group);
  }
  for (const { via, entries } of byTable.values()) {
    const ids = [...new Set(entries.map(([, id]) => id).filter((id) => UUID.test(id)))];
    if (ids.length === 0) continue;
    const rows = (await queryRunner.query(
      `SELECT ${via.idColumn ?? 'id'}::text AS id, ${via.unitColumn ?? 'unit_id'}::text AS unit FROM ${via.table} WHERE ${via.idColumn ?? 'id'} = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; unit: string | null }[];
    const units = new Map(rows.map((row) => [row.id.toLowerCase(), row.unit?.toLowerCase() ?? null]));
    for (const [entry, id] of entries) entry.unitId = units.get(id.toLowerCase()) ?? null;
  }
}

/** The MUTATION row of a transaction, with the unit its records share (if they share one). */
function operationEntryOf(scope: AuditScope, entries: readonly AuditEntry[]): AuditEntry {
  return { ...operationEntry(scope), unitId: commonUnit(entries.map((entry) => entry.unitId ?? null)) };
}

const pendingByRunner = new WeakMap<QueryRunner, Pending>();

function depthOf(queryRunner: QueryRunner): number {
  return (queryRunner as unknown as { transactionDepth?: number }).transactionDepth ?? (queryRunner.isTransactionActive ? 1 : 0);
}

/** The record's columns (by property name, relations left out), each value bounded in size. */
function snapshot(metadata: EntityMetadata, entity: ObjectLiteral | undefined | null): JsonValue | null {
  if (!entity) return null;
  const values: Record<string, JsonValue> = {};
  for (const column of metadata.columns) {
    const value: unknown = column.getEntityValue(entity);
    if (value === undefined || typeof value === 'function') continue;
    values[column.propertyPath] = boundedSnapshot(value);
  }
  return Object.keys(values).length > 0 ? values : null;
}

function recordIdOf(metadata: EntityMetadata, entities: (ObjectLiteral | undefined | null)[], entityId?: unknown): string | null {
  for (const entity of entities) {
    if (!entity) continue;
    if (metadata.primaryColumns.length === 1) {
      const id: unknown = metadata.primaryColumns[0]!.getEntityValue(entity); // eslint-disable-line @typescript-eslint/no-non-null-assertion
      if (id !== undefined && id !== null) return String(id);
    } else {
      const ids = metadata.getEntityIdMap(entity);
      if (ids && Object.values(ids).every((id) => id !== undefined && id !== null)) return JSON.stringify(boundedSnapshot(ids));
    }
  }
  if (entityId === undefined || entityId === null) return null;
  return typeof entityId === 'object' ? JSON.stringify(boundedSnapshot(entityId)) : String(entityId as string | number);
}

/**
 * Records what a mutation changes through TypeORM (save, insert, update, remove, soft remove) and writes it, with the
 * MUTATION row of the operation, to the trail when the transaction commits: in that transaction, so a change and its
 * trail rows commit or roll back together. A savepoint rolled back takes its entries with it.
 *
 * A query builder's update or delete says which columns it set but not which rows: such entries carry the table and
 * the new values only; the MUTATION row holds the arguments that name the record. Raw SQL is not seen here: the
 * MUTATION row is then the trail of the change.
 */
@EventSubscriber()
export class AuditTrailSubscriber implements EntitySubscriberInterface {
  afterTransactionStart(event: TransactionStartEvent): void {
    if (!currentAuditScope()) return;
    const pending = this.pending(event.queryRunner);
    pending.savepoints.push(pending.entries.length);
  }

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    await this.collect(event.queryRunner, event.metadata, 'INSERT', null, event.entity, [event.entity, event.entityId as ObjectLiteral]);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    await this.collect(event.queryRunner, event.metadata, 'UPDATE', event.databaseEntity, event.entity, [event.entity, event.databaseEntity]);
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    await this.collect(event.queryRunner, event.metadata, 'DELETE', event.databaseEntity ?? event.entity, null, [event.databaseEntity, event.entity], event.entityId);
  }

  async afterSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): Promise<void> {
    await this.collect(event.queryRunner, event.metadata, 'DELETE', event.databaseEntity, event.entity, [event.databaseEntity, event.entity], event.entityId);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const scope = currentAuditScope();
    if (!scope) return;
    const pending = this.pending(event.queryRunner);
    if (depthOf(event.queryRunner) > 1) {
      pending.savepoints.pop(); // a savepoint released: its entries belong to the enclosing transaction now
      return;
    }
    pendingByRunner.delete(event.queryRunner);
    await resolveUnits(event.queryRunner, pending.lookups);
    await appendToTrail(event.queryRunner, scope, [operationEntryOf(scope, pending.entries), ...pending.entries]);
    scope.recorded = true;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const pending = pendingByRunner.get(event.queryRunner);
    if (!pending) return;
    if (depthOf(event.queryRunner) === 0) {
      pendingByRunner.delete(event.queryRunner);
      return;
    }
    pending.entries.length = pending.savepoints.pop() ?? 0;
    for (const entry of pending.lookups.keys()) if (!pending.entries.includes(entry)) pending.lookups.delete(entry);
  }

  private pending(queryRunner: QueryRunner): Pending {
    let pending = pendingByRunner.get(queryRunner);
    if (!pending) {
      pending = { entries: [], lookups: new Map(), savepoints: [] };
      pendingByRunner.set(queryRunner, pending);
    }
    return pending;
  }

  private async collect(
    queryRunner: QueryRunner,
    metadata: EntityMetadata,
    action: AuditAction,
    before: ObjectLiteral | undefined | null,
    after: ObjectLiteral | undefined | null,
    identified: (ObjectLiteral | undefined | null)[],
    entityId?: unknown,
  ): Promise<void> {
    const scope = currentAuditScope();
    if (!scope || !isAudited(metadata.tableName)) return;
    const entry: AuditEntry = {
      action,
      recordType: metadata.tableName,
      recordId: recordIdOf(metadata, identified, entityId),
      unitId: ownUnitOf(metadata, after, before) ?? null,
      before: snapshot(metadata, before),
      after: snapshot(metadata, after),
    };
    const lookup = entry.unitId ? null : unitLookupOf(metadata, after, before);
    if (queryRunner.isTransactionActive) {
      const pending = this.pending(queryRunner);
      pending.entries.push(entry);
      if (lookup) pending.lookups.set(entry, lookup);
      return;
    }
    // Written outside a transaction (a bare insert or update): the change is committed already, so is its row.
    if (lookup) await resolveUnits(queryRunner, new Map([[entry, lookup]]));
    await recordAlone(queryRunner, scope, entry);
  }
}

async function recordAlone(queryRunner: QueryRunner, scope: AuditScope, entry: AuditEntry): Promise<void> {
  const runner = queryRunner.connection.createQueryRunner();
  try {
    await runner.query('BEGIN');
    await appendToTrail(runner, scope, scope.recorded ? [entry] : [operationEntryOf(scope, [entry]), entry]);
    await runner.query('COMMIT');
    scope.recorded = true;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
