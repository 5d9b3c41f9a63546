import DataLoader from 'dataloader';
import { oneToManyLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PolicyEntity } from './policy.entity';

/** Per request: the published, unretired policies that name each control, in one query for all rows of an SoA. */
export function publishedPoliciesByControlLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, PolicyEntity[]> {
  return oneToManyLoader(context, 'publishedPoliciesByControl', async (controlIds: readonly string[]) => {
    const policies = await deps.dataSource
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId: context.claims.organisationId })
      .andWhere('p.published_version_id IS NOT NULL AND p.retired_at IS NULL')
      .andWhere('p.control_ids && :controlIds::text[]', { controlIds: [...controlIds] })
      .orderBy('p.title', 'ASC')
      .getMany();
    // A policy names several controls, so it belongs to the list of each of them.
    return new Map(controlIds.map((id) => [id, policies.filter((policy) => policy.controlIds.includes(id))]));
  });
}
