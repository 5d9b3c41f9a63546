import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToManyLoader, oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { RiskActionEntity } from './risk-action.entity';
import { RiskAssessmentEntity } from './risk-assessment.entity';
import { RiskEntity } from './risk.entity';
import { toRiskType } from './risk.mapper';
import { mayReadRisks } from './risk.scope';
import { RiskService } from './risk.service';

/** Risks by id within the caller's reach: one outside it loads as null, as if it did not exist. */
export function riskLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskEntity | null> {
  return oneToOneLoader(context, 'risks', (ids) => new RiskService(deps).byIds(context.claims.organisationId, ids, context.access));
}

/** Per-risk lists for the register's field resolvers: one query per field and page, never one per risk. */
export function riskActionsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskActionEntity[]> {
  return oneToManyLoader(context, 'risk-actions', (ids: readonly string[]) => new RiskService(deps).actionsByRisk(context.claims.organisationId, ids));
}

export function riskAssessmentsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, RiskAssessmentEntity[]> {
  return oneToManyLoader(context, 'risk-assessments', (ids: readonly string[]) => new RiskService(deps).assessmentsByRisk(context.claims.organisationId, ids));
}

export function riskAssetIdsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, string[]> {
  return oneToManyLoader(context, 'risk-asset-ids', (ids: readonly string[]) => new RiskService(deps).assetIdsByRisk(context.claims.organisationId, ids));
}

/**
 * Other subgraphs refer to risks (the SoA's justifying risks, audit findings); resolved here in batches: all the
 * references of one request in one query. An id that names no risk of the organisation (or is no UUID) resolves to
 * null without failing the others, and so does every risk for a caller who may not read risks or whose reach does not
 * cover it.
 */
export function riskReference(deps: ServiceDeps) {
  return {
    Risk: {
      __resolveReference: scopedReference(ScopeRule.Units, "the register's readers, and only risks of their units or owned by them (null otherwise)", async (reference: { id: string }, context: RequestContext) => {
        if (!mayReadRisks(context.claims)) return null;
        const risk = await riskLoader(deps, context).load(reference.id);
        return risk ? toRiskType(risk) : null;
      }),
    },
  };
}
