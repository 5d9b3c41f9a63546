import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { RiskActionEntity } from './risk-action.entity';
import { RiskAssessmentEntity } from './risk-assessment.entity';
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

/** Per-risk lists for the register's field resolvers: one query per field and page, never one per risk. */
export function riskActionsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskActionEntity[]> {
  return loader(context, 'risk-actions', () => {
    const risks = new RiskService(deps);
    return new DataLoader<string, RiskActionEntity[]>(async (ids) => {
      const found = await risks.actionsByRisk(context.claims.organisationId, ids);
      return ids.map((id) => found.get(id) ?? []);
    });
  });
}

export function riskAssessmentsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskAssessmentEntity[]> {
  return loader(context, 'risk-assessments', () => {
    const risks = new RiskService(deps);
    return new DataLoader<string, RiskAssessmentEntity[]>(async (ids) => {
      const found = await risks.assessmentsByRisk(context.claims.organisationId, ids);
      return ids.map((id) => found.get(id) ?? []);
    });
  });
}

export function riskAssetIdsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, string[]> {
  return loader(context, 'risk-asset-ids', () => {
    const risks = new RiskService(deps);
    return new DataLoader<string, string[]>(async (ids) => {
      const found = await risks.assetIdsByRisk(context.claims.organisationId, ids);
      return ids.map((id) => found.get(id) ?? []);
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
