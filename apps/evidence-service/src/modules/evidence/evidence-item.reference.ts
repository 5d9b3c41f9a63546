import DataLoader from 'dataloader';
import { oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { toEvidenceItemType } from './evidence-item.mapper';
import { EvidenceItemService } from './evidence-item.service';

export function evidenceItemLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceItemEntity | null> {
  return oneToOneLoader(context, 'evidenceItems', (ids) => new EvidenceItemService(deps).byIds(context.claims.organisationId, ids));
}

/** Other subgraphs (controls' operating status, audit findings) refer to evidence; resolved here in batches. */
export function evidenceItemReference(deps: ServiceDeps) {
  return {
    EvidenceItem: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const item = await evidenceItemLoader(deps, context).load(reference.id);
        return item ? toEvidenceItemType(item) : null;
      },
    },
  };
}
