import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { ScopeEntity } from './scope.entity';
import { toScopeVersionType } from './scope.mapper';

/** The SoA and audits hold `IsmsScopeVersion` stubs; the gateway resolves them here in batches. */
export function scopeReference(deps: ServiceDeps) {
  return {
    IsmsScopeVersion: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const scopes = loader(
          context,
          'scopeVersions',
          () =>
            new DataLoader<string, ScopeEntity | null>(async (ids) => {
              const found = new Map(
                (await deps.dataSource.getRepository(ScopeEntity).findBy({ organisationId: context.claims.organisationId, id: In([...ids]) })).map((s) => [s.id, s]),
              );
              return ids.map((id) => found.get(id) ?? null);
            }),
        );
        const scope = await scopes.load(reference.id);
        return scope ? toScopeVersionType(scope) : null;
      },
    },
  };
}
