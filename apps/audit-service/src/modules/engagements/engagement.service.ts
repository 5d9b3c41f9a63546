import { isUUID } from 'class-validator';
import { findByIds, ServiceDeps } from '@iso27001/platform';
import { EngagementEntity, EngagementStatus } from './engagement.entity';
import { engagementErrors } from './engagement.errors';
import { CreateEngagementInput, SetEngagementStatusInput } from './engagement.input';
import { EngagementScope } from './engagement.scope';

/** Engagements move forward only: planned, in progress, closed. */
const NEXT_STATUSES: Record<EngagementStatus, readonly EngagementStatus[]> = {
  PLANNED: ['IN_PROGRESS', 'CLOSED'],
  IN_PROGRESS: ['CLOSED'],
  CLOSED: [],
};

export class EngagementService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string, scope: EngagementScope): Promise<EngagementEntity[]> {
    return this.deps.dataSource.getRepository(EngagementEntity).find({
      where: { organisationId, ...(scope.kind === 'engagement' ? { id: scope.engagementId } : {}) },
      order: { startsOn: 'DESC', id: 'ASC' },
    });
  }

  async get(organisationId: string, id: string): Promise<EngagementEntity> {
    const engagement = isUUID(id) ? await this.deps.dataSource.getRepository(EngagementEntity).findOneBy({ organisationId, id }) : null;
    if (!engagement) throw engagementErrors.raise('ENGAGEMENT_NOT_FOUND', `engagement ${id} does not exist`);
    return engagement;
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<EngagementEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(EngagementEntity), { organisationId }, ids);
  }

  /** No other service consumes engagements yet, so planning one records no event. */
  async create(organisationId: string, input: CreateEngagementInput): Promise<EngagementEntity> {
    if (input.endsOn < input.startsOn) {
      throw engagementErrors.raise('ENGAGEMENT_DATES_INVALID', `endsOn (${input.endsOn}) must be on or after startsOn (${input.startsOn})`);
    }
    const repository = this.deps.dataSource.getRepository(EngagementEntity);
    return repository.save(
      repository.create({
        organisationId,
        type: input.type,
        title: input.title.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        leadAuditor: input.leadAuditor.trim(),
        status: 'PLANNED',
      }),
    );
  }

  async setStatus(organisationId: string, input: SetEngagementStatusInput): Promise<EngagementEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const engagement = await manager
        .getRepository(EngagementEntity)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id AND e.organisation_id = :organisationId', { id: input.id, organisationId })
        .getOne();
      if (!engagement) throw engagementErrors.raise('ENGAGEMENT_NOT_FOUND', `engagement ${input.id} does not exist`);
      if (engagement.status === input.status) return engagement;
      if (!NEXT_STATUSES[engagement.status].includes(input.status)) {
        throw engagementErrors.raise('ENGAGEMENT_STATUS_INVALID', `an engagement that is ${engagement.status} cannot become ${input.status}`);
      }
      engagement.status = input.status;
      return manager.getRepository(EngagementEntity).save(engagement);
    });
  }
}
