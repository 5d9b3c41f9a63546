import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { engagementVisible } from '../engagements/engagement.scope';
import { FindingEntity } from './finding.entity';
import { toFindingType } from './finding.mapper';
import { FindingService } from './finding.service';

/** Findings of many engagements in one query (Engagement.findings over a list of engagements). */
export function findingsByEngagementLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, FindingEntity[]> {
  return loader(context, 'findingsByEngagement', () => {
    const findings = new FindingService(deps);
    return new DataLoader<string, FindingEntity[]>(async (engagementIds) => {
      const all = await findings.byEngagements(context.claims.organisationId, engagementIds);
      return engagementIds.map((id) => all.filter((finding) => finding.engagementId === id));
    });
  });
}

export function findingLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, FindingEntity | null> {
  return loader(context, 'findings', () => {
    const findings = new FindingService(deps);
    return new DataLoader<string, FindingEntity | null>(async (ids) => {
      const found = new Map((await findings.byIds(context.claims.organisationId, ids)).map((finding) => [finding.id, finding]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

export function findingReference(deps: ServiceDeps) {
  return {
    Finding: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const finding = await findingLoader(deps, context).load(reference.id);
        return finding && engagementVisible(context.claims, finding.engagementId) ? toFindingType(finding) : null;
      },
    },
  };
}
