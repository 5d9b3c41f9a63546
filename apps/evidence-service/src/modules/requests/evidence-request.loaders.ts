import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { oneToManyLoader, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceRequirementEntity } from '../requirements/evidence-requirement.entity';
import { EvidenceRequestHistoryEntity } from './evidence-request.entity';
import { EvidenceRequestService } from './evidence-request.service';

/** The history (transitions and comments) of requests already allowed, in order, in one query per request batch. */
export function evidenceRequestHistoryLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceRequestHistoryEntity[]> {
  return oneToManyLoader(
    context,
    'evidenceRequestHistory',
    (ids: readonly string[]) => new EvidenceRequestService(deps).historyOf(context.claims.organisationId, ids),
    (row) => row.requestId,
  );
}

/** Requirements by id (organisation data: any permitted caller reads them). */
export function evidenceRequirementLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, EvidenceRequirementEntity | null> {
  return oneToOneLoader(context, 'evidenceRequirements', (ids: readonly string[]) =>
    deps.dataSource.getRepository(EvidenceRequirementEntity).findBy({ organisationId: context.claims.organisationId, id: In([...ids]) }),
  );
}
