import { AsyncLocalStorage } from 'node:async_hooks';
import { defaultFieldResolver, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { RequestContext } from '../graphql/context';
import { boundedSnapshot } from './audit-trail.rules';
import { AuditCaller, AuditEntry, appendToTrail } from './audit-trail.service';

/** The mutation being run: who called it and with what; the subscriber reads it to record every change it makes. */
export interface AuditScope extends AuditCaller {
  /** The mutation's arguments, recorded in its MUTATION row. */
  arguments: AuditEntry['after'];
  /** Set once a transaction of this mutation committed its rows to the trail. */
  recorded: boolean;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** The mutation this code runs for, if any (never set for queries, event handlers or background work). */
export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** The MUTATION row that every transaction of a mutation writes: the operation and its arguments. */
export function operationEntry(scope: AuditScope): AuditEntry {
  return { action: 'MUTATION', recordType: null, recordId: null, before: null, after: scope.arguments };
}

export function auditScopeOf(context: RequestContext, operation: string, args: Record<string, unknown>): AuditScope {
  const { claims } = context;
  return {
    chain: claims.organisationId,
    actor: claims.sub,
    actorEmail: claims.email ?? null,
    actorRoles: [...claims.roles],
    engagementId: claims.engagementId ?? null,
    operation,
    requestId: context.requestId,
    arguments: boundedSnapshot(args),
    recorded: false,
  };
}

const wrapped = new WeakSet<GraphQLSchema>();

/**
 * Runs every root Mutation field of the schema inside an audit scope, so that each transaction it commits writes the
 * operation and every record it changed to the trail in that same transaction (audit-trail.subscriber.ts). A mutation
 * that succeeded without committing a transaction through TypeORM (it wrote nothing, or wrote outside one) still
 * leaves its MUTATION row, in a transaction of its own.
 */
export function recordMutations(schema: GraphQLSchema, dataSource: DataSource): void {
  const mutation = schema.getMutationType();
  if (!mutation || wrapped.has(schema)) return;
  wrapped.add(schema);
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context: RequestContext, info) => {
      const scope = auditScopeOf(context, field.name, args);
      return storage.run(scope, async () => {
        const result: unknown = await resolve(source, args, context, info);
        if (!scope.recorded) {
          // Outside the scope, so the subscriber does not add a second MUTATION row when this transaction commits.
          await storage.exit(() =>
            dataSource.transaction((manager) => appendToTrail(manager.queryRunner!, scope, [operationEntry(scope)])), // eslint-disable-line @typescript-eslint/no-non-null-assertion
          );
          scope.recorded = true;
        }
        return result;
      });
    };
  }
}
