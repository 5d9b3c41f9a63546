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

/**
 * Tables the trail leaves out: the platform's own (outbox, consumed events, migrations, the trail itself) and the
 * replicas that events feed (written by event handlers, never by a mutation of this service).
 */
const EXCLUDED_TABLES = new Set(['outbox_event', 'consumed_event', 'schema_migrations', 'audit_trail', 'audit_trail_head']);

export function isAudited(tableName: string): boolean {
  return !EXCLUDED_TABLES.has(tableName) && !tableName.endsWith('_replica');
}

/** What a transaction of a mutation changed so far, and where each open savepoint began. */
interface Pending {
  entries: AuditEntry[];
  savepoints: number[];
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
    await appendToTrail(event.queryRunner, scope, [operationEntry(scope), ...pending.entries]);
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
  }

  private pending(queryRunner: QueryRunner): Pending {
    let pending = pendingByRunner.get(queryRunner);
    if (!pending) {
      pending = { entries: [], savepoints: [] };
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
      before: snapshot(metadata, before),
      after: snapshot(metadata, after),
    };
    if (queryRunner.isTransactionActive) {
      this.pending(queryRunner).entries.push(entry);
      return;
    }
    // Written outside a transaction (a bare insert or update): the change is committed already, so is its row.
    await recordAlone(queryRunner, scope, entry);
  }
}

async function recordAlone(queryRunner: QueryRunner, scope: AuditScope, entry: AuditEntry): Promise<void> {
  const runner = queryRunner.connection.createQueryRunner();
  try {
    await runner.query('BEGIN');
    await appendToTrail(runner, scope, scope.recorded ? [entry] : [operationEntry(scope), entry]);
    await runner.query('COMMIT');
    scope.recorded = true;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
