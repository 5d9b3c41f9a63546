import DataLoader from 'dataloader';
import { AUDIT_READERS, hasAnyRole, ScopeRule } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { EngagementEntity } from './engagement.entity';
import { toEngagementType } from './engagement.mapper';
import { engagementVisible } from './engagement.scope';
import { EngagementService } from './engagement.service';

/** Batches engagement look-ups for one request (Finding.engagement and references from other subgraphs). */
export function engagementLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EngagementEntity | null> {
  return oneToOneLoader(context, 'engagements', (ids) => new EngagementService(deps).byIds(context.claims.organisationId, ids));
}

export function engagementReference(deps: ServiceDeps) {
  return {
    Engagement: {
      __resolveReference: scopedReference(
        ScopeRule.Organisation,
        'as Query.engagement: audit readers only; an external auditor only the engagement of their grant',
        async (reference: { id: string }, context: RequestContext) => {
          if (!hasAnyRole(context.claims, AUDIT_READERS) || !engagementVisible(context.claims, reference.id)) return null;
          const engagement = await engagementLoader(deps, context).load(reference.id);
          return engagement ? toEngagementType(engagement) : null;
        },
      ),
    },
  };
}
