import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { toEvidenceItemType } from './evidence-item.mapper';
import { readsEvidence } from './evidence-item.scope';
import { EvidenceItemService } from './evidence-item.service';

export function evidenceItemLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceItemEntity | null> {
  return oneToOneLoader(context, 'evidenceItems', (ids) => new EvidenceItemService(deps).byIds(context.claims.organisationId, ids));
}

/** Other subgraphs (controls' operating status, audit findings) refer to evidence; resolved here in batches. */
export function evidenceItemReference(deps: ServiceDeps) {
  return {
    EvidenceItem: {
      __resolveReference: scopedReference(
        ScopeRule.Organisation,
        'as Query.evidenceItems: internal readers any item (no unit yet); an external auditor or a caller without a reading role none',
        async (reference: { id: string }, context: RequestContext) => {
          if (!readsEvidence(context.claims)) return null;
          const item = await evidenceItemLoader(deps, context).load(reference.id);
          return item ? toEvidenceItemType(item) : null;
        },
      ),
    },
  };
}
