import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { RiskEntity } from './risk.entity';
import { toRiskType } from './risk.mapper';
import { RiskService } from './risk.service';

export function riskLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskEntity | null> {
  return loader(context, 'risks', () => {
    const risks = new RiskService(deps);
    return new DataLoader<string, RiskEntity | null>(async (ids) => {
      const found = new Map((await risks.byIds(context.claims.organisationId, ids)).map((risk) => [risk.id, risk]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

/** Other subgraphs refer to risks (the SoA's justifying risks, audit findings); resolved here in batches. */
export function riskReference(deps: ServiceDeps) {
  return {
    Risk: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const risk = await riskLoader(deps, context).load(reference.id);
        return risk ? toRiskType(risk) : null;
      },
    },
  };
}
