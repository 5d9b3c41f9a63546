import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { AUDIT_TRAIL_READERS, ScopeRule } from '@iso27001/authz';
import { RequestContext } from '../graphql/context';
import { internalOnlyFields, isExternalAuditor } from '../graphql/internal-only';
import { Scoped } from '../graphql/scope-rule';
import { ServiceDeps } from '../subgraph-definition';
import { AuditTrailArgs } from './audit-trail.input';
import { toAuditTrailEntry } from './audit-trail.mapper';
import { trailUnitsFor, trailWindowFor } from './audit-trail.scope';
import { auditorTables } from './audit-trail.units';
import { readTrail } from './audit-trail.service';
import { AuditTrailPageType } from './audit-trail.type';

/** `risk-service` → `riskAuditTrail`, `isms-service` → `ismsAuditTrail`: one field per subgraph, never colliding. */
export function auditTrailFieldName(service: string): string {
  const words = service.replace(/-service$/, '').split('-');
  return `${words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('')}AuditTrail`;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers = new Map<string, Function>();

/** The root Query field that reads this service's trail, built once per service name. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function auditTrailResolver(service: string): Function {
  const existing = resolvers.get(service);
  if (existing) return existing;
  const name = auditTrailFieldName(service);

  @Resolver()
  class AuditTrailResolver {
    constructor(private readonly deps: ServiceDeps) {}

    @Authorized(...AUDIT_TRAIL_READERS)
    @Scoped(ScopeRule.Organisation, "the caller's organisation's trail; an external auditor only under an unexpired grant, rows of its observation period and of its units (and organisation data auditors read), without the fields meant for internal eyes")
    @Query(() => AuditTrailPageType, {
      name,
      description: `The ${service} audit trail, newest first: every mutation and the records it changed, hash-chained (see \`npm run audit-trail:verify\`).`,
    })
    async auditTrail(@Args() args: AuditTrailArgs, @Ctx() context: RequestContext): Promise<AuditTrailPageType> {
      const window = trailWindowFor(context.claims, { from: args.from ?? null, to: args.to ?? null });
      const units = trailUnitsFor(context.claims, context.access, auditorTables(this.deps.dataSource.entityMetadatas));
      const { rows, totalCount } = await readTrail(this.deps.dataSource, {
        chain: context.claims.organisationId,
        recordId: args.recordId,
        recordType: args.recordType,
        actor: args.actor,
        operation: args.operation,
        from: window.from,
        to: window.to,
        units,
        first: args.first,
        offset: args.offset,
      });
      // An external auditor never receives a field meant for internal eyes, in the trail's before and after either.
      const hidden = isExternalAuditor(context) ? new Set(internalOnlyFields().map((field) => field.field)) : new Set<string>();
      return { nodes: rows.map((row) => toAuditTrailEntry(row, hidden)), totalCount };
    }
  }
  Object.defineProperty(AuditTrailResolver, 'name', { value: `${name.charAt(0).toUpperCase()}${name.slice(1)}Resolver` });
  resolvers.set(service, AuditTrailResolver);
  return AuditTrailResolver;
}
