import DataLoader from 'dataloader';
import { AUDIT_READERS, hasAnyRole, ScopeRule } from '@iso27001/authz';
import { oneToManyLoader, oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { engagementVisible } from '../engagements/engagement.scope';
import { FindingEntity } from './finding.entity';
import { toFindingType } from './finding.mapper';
import { FindingService } from './finding.service';

/** Findings of many engagements in one query (Engagement.findings over a list of engagements). */
export function findingsByEngagementLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, FindingEntity[]> {
  return oneToManyLoader(
    context,
    'findingsByEngagement',
    (engagementIds) => new FindingService(deps).byEngagements(context.claims.organisationId, engagementIds),
    (finding) => finding.engagementId,
  );
}

export function findingLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, FindingEntity | null> {
  return oneToOneLoader(context, 'findings', (ids) => new FindingService(deps).byIds(context.claims.organisationId, ids));
}

export function findingReference(deps: ServiceDeps) {
  return {
    Finding: {
      __resolveReference: scopedReference(
        ScopeRule.Organisation,
        'as Query.findings: audit readers only (findings carry no unit yet); an external auditor only those of their grant',
        async (reference: { id: string }, context: RequestContext) => {
          if (!hasAnyRole(context.claims, AUDIT_READERS)) return null;
          const finding = await findingLoader(deps, context).load(reference.id);
          return finding && engagementVisible(context.claims, finding.engagementId) ? toFindingType(finding) : null;
        },
      ),
    },
  };
}
