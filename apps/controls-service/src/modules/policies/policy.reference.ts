import DataLoader from 'dataloader';
import { oneToManyLoader, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PolicyEntity } from './policy.entity';
import { toPolicyType } from './policy.mapper';
import { PolicyService } from './policy.service';
import { PolicyVersionEntity } from './policy-version.entity';

/** Batches policy look-ups for one request (references from other subgraphs, e.g. acknowledgement tasks). */
export function policyLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PolicyEntity | null> {
  return oneToOneLoader(context, 'policies', (ids) => new PolicyService(deps).byIds(context.claims.organisationId, ids));
}

/** All versions of each requested policy (newest first) in one query per request. */
export function policyVersionsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PolicyVersionEntity[]> {
  return oneToManyLoader(
    context,
    'policy-versions',
    (policyIds) => new PolicyService(deps).versionsOf(context.claims.organisationId, policyIds),
    (version) => version.policyId,
  );
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
