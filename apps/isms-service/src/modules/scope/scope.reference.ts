import { findByIds, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { ScopeEntity } from './scope.entity';
import { toScopeVersionType } from './scope.mapper';

/** The SoA and audits hold `IsmsScopeVersion` stubs; the gateway resolves them here in batches. */
export function scopeReference(deps: ServiceDeps) {
  return {
    IsmsScopeVersion: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const scopes = oneToOneLoader(context, 'scopeVersions', (ids) =>
          findByIds(deps.dataSource.getRepository(ScopeEntity), { organisationId: context.claims.organisationId }, ids),
        );
        const scope = await scopes.load(reference.id);
        return scope ? toScopeVersionType(scope) : null;
      },
    },
  };
}
