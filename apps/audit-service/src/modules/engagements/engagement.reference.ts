import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { EngagementEntity } from './engagement.entity';
import { toEngagementType } from './engagement.mapper';
import { engagementVisible } from './engagement.scope';
import { EngagementService } from './engagement.service';

/** Batches engagement look-ups for one request (Finding.engagement and references from other subgraphs). */
export function engagementLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EngagementEntity | null> {
  return loader(context, 'engagements', () => {
    const engagements = new EngagementService(deps);
    return new DataLoader<string, EngagementEntity | null>(async (ids) => {
      const found = new Map((await engagements.byIds(context.claims.organisationId, ids)).map((engagement) => [engagement.id, engagement]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

export function engagementReference(deps: ServiceDeps) {
  return {
    Engagement: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        if (!engagementVisible(context.claims, reference.id)) return null;
        const engagement = await engagementLoader(deps, context).load(reference.id);
        return engagement ? toEngagementType(engagement) : null;
      },
    },
  };
}
