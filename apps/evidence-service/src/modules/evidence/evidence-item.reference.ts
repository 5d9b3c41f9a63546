import { ScopeRule } from '@iso27001/authz';
import { RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { evidenceItemLoader, evidenceMappingsLoader } from './evidence-item.loaders';
import { NO_MAPPINGS, toEvidenceItemType } from './evidence-item.mapper';
import { mayRead } from './evidence-item.scope';

/** Other subgraphs (SoA entries, audit findings) refer to evidence; resolved here in batches, by the same rule as the lists. */
export function evidenceItemReference(deps: ServiceDeps) {
  return {
    EvidenceItem: {
      __resolveReference: scopedReference(
        ScopeRule.Units,
        "as Query.evidenceItems: organisation-wide readers any item; unit roles their units' items; an external auditor accepted items of the grant's units overlapping its period; anything else null",
        async (reference: { id: string }, context: RequestContext) => {
          const item = await evidenceItemLoader(deps, context).load(reference.id);
          if (!item || !mayRead(context.claims, context.access, item)) return null;
          return toEvidenceItemType(item, (await evidenceMappingsLoader(deps, context).load(item.id)) ?? NO_MAPPINGS);
        },
      ),
    },
  };
}
