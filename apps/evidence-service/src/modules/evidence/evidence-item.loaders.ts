import DataLoader from 'dataloader';
import { oneToManyLoader, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceHistoryEntity } from './evidence-history.entity';
import { EvidenceItemEntity } from './evidence-item.entity';
import { EvidenceMappings } from './evidence-item.mapper';
import { EvidenceItemService } from './evidence-item.service';
import { EvidenceVersionEntity } from './evidence-version.entity';

/** Items by id (no scope applied: callers check `mayRead`). */
export function evidenceItemLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceItemEntity | null> {
  return oneToOneLoader(context, 'evidenceItems', (ids) => new EvidenceItemService(deps).byIds(context.claims.organisationId, ids));
}

export function evidenceMappingsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceMappings | null> {
  return oneToOneLoader(context, 'evidenceMappings', (ids: readonly string[]) => new EvidenceItemService(deps).mappingsOf(context.claims.organisationId, ids));
}

/** The versions of items already allowed, newest first (an external auditor: accepted versions only). */
export function evidenceVersionsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceVersionEntity[]> {
  return oneToManyLoader(context, 'evidenceVersions', (ids: readonly string[]) => new EvidenceItemService(deps).versionsOf(context.claims, ids), (row) => row.evidenceId);
}

export function evidenceHistoryLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceHistoryEntity[]> {
  return oneToManyLoader(context, 'evidenceHistory', (ids: readonly string[]) => new EvidenceItemService(deps).historyOf(context.claims.organisationId, ids), (row) => row.evidenceId);
}
