import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PolicyEntity } from './policy.entity';
import { toPolicyType } from './policy.mapper';
import { PolicyService } from './policy.service';
import { PolicyVersionEntity } from './policy-version.entity';

/** Batches policy look-ups for one request (references from other subgraphs, e.g. acknowledgement tasks). */
export function policyLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PolicyEntity | null> {
  return loader(context, 'policies', () => {
    const policies = new PolicyService(deps);
    return new DataLoader<string, PolicyEntity | null>(async (ids) => {
      const found = new Map((await policies.byIds(context.claims.organisationId, ids)).map((policy) => [policy.id, policy]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

/** All versions of each requested policy (newest first) in one query per request. */
export function policyVersionsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PolicyVersionEntity[]> {
  return loader(context, 'policy-versions', () => {
    const policies = new PolicyService(deps);
    return new DataLoader<string, PolicyVersionEntity[]>(async (policyIds) => {
      const byPolicy = new Map<string, PolicyVersionEntity[]>();
      for (const version of await policies.versionsOf(context.claims.organisationId, policyIds)) {
        byPolicy.set(version.policyId, [...(byPolicy.get(version.policyId) ?? []), version]);
      }
      return policyIds.map((id) => byPolicy.get(id) ?? []);
    });
  });
}

export function policyReference(deps: ServiceDeps) {
  return {
    Policy: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const policy = await policyLoader(deps, context).load(reference.id);
        return policy ? toPolicyType(policy) : null;
      },
    },
  };
}
