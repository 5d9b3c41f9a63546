import { ScopeRule } from '@iso27001/authz';
import { findByIds, oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { ScopeEntity } from './scope.entity';
import { toScopeVersionType } from './scope.mapper';

/** The SoA and audits hold `IsmsScopeVersion` stubs; the gateway resolves them here in batches. */
export function scopeReference(deps: ServiceDeps) {
  return {
    IsmsScopeVersion: {
      __resolveReference: scopedReference(ScopeRule.Parent, 'the scope version a record the caller may read refers to (organisation data)', async (reference: { id: string }, context: RequestContext) => {
        const scopes = oneToOneLoader(context, 'scopeVersions', (ids) =>
          findByIds(deps.dataSource.getRepository(ScopeEntity), { organisationId: context.claims.organisationId }, ids),
        );
        const scope = await scopes.load(reference.id);
        return scope ? toScopeVersionType(scope) : null;
      }),
    },
  };
}
