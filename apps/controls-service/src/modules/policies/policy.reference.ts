import DataLoader from 'dataloader';
import { AUDIT_READERS, hasAnyRole, POLICY_READERS, ScopeRule } from '@iso27001/authz';
import { oneToManyLoader, oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
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

/**
 * Other subgraphs hold `Policy` stubs (acknowledgement tasks, training): resolved with the rules of `Query.policy`, so
 * an employee gets a policy only once it has a published version, and a caller without a policy role gets nothing.
 */
export function policyReference(deps: ServiceDeps) {
  return {
    Policy: {
      __resolveReference: scopedReference(
        ScopeRule.Organisation,
        'an organisation document, as Query.policy: programme readers any policy, an employee only a published one',
        async (reference: { id: string }, context: RequestContext) => {
          if (!hasAnyRole(context.claims, POLICY_READERS)) return null;
          const policy = await policyLoader(deps, context).load(reference.id);
          if (!policy || (!policy.publishedVersionId && !hasAnyRole(context.claims, AUDIT_READERS))) return null;
          return toPolicyType(policy);
        },
      ),
    },
  };
}
