import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { toEvidenceItemType } from './evidence-item.mapper';
import { EvidenceItemService } from './evidence-item.service';

export function evidenceItemLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceItemEntity | null> {
  return loader(context, 'evidenceItems', () => {
    const items = new EvidenceItemService(deps);
    return new DataLoader<string, EvidenceItemEntity | null>(async (ids) => {
      const found = new Map((await items.byIds(context.claims.organisationId, ids)).map((item) => [item.id, item]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
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
