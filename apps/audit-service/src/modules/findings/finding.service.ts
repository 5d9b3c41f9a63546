import { isUUID } from 'class-validator';
import { In } from 'typeorm';
import { FindingRaised } from '@iso27001/contracts';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { CorrectiveActionService } from '../corrective-actions/corrective-action.service';
import { EngagementEntity } from '../engagements/engagement.entity';
import { FindingEntity } from './finding.entity';
import { findingErrors } from './finding.errors';
import { RaiseFindingInput } from './finding.input';
import { toFindingEventData } from './finding.mapper';

export class FindingService {
  constructor(private readonly deps: ServiceDeps) {}

  byEngagements(organisationId: string, engagementIds: readonly string[]): Promise<FindingEntity[]> {
    const valid = engagementIds.filter((id) => isUUID(id));
    if (valid.length === 0) return Promise.resolve([]);
    return this.deps.dataSource
      .getRepository(FindingEntity)
      .find({ where: { organisationId, engagementId: In(valid) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<FindingEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(FindingEntity), { organisationId }, ids);
  }

  async raise(input: RaiseFindingInput, raisedBy: string, context: EventContext): Promise<FindingEntity> {
    const controlId = input.controlId ?? null;
    if (controlId && !isAnnexAControlId(controlId)) {
      throw findingErrors.raise('UNKNOWN_CONTROL', `${controlId} is not a control of ISO/IEC 27001:2022 Annex A`);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      // Locked so that an engagement cannot close while a finding is being raised on it.
      const engagement = await manager
        .getRepository(EngagementEntity)
        .createQueryBuilder('e')
        .setLock('pessimistic_read')
        .where('e.id = :id AND e.organisation_id = :organisationId', { id: input.engagementId, organisationId: context.organisationId })
        .getOne();
      if (!engagement) throw findingErrors.raise('ENGAGEMENT_NOT_FOUND', `engagement ${input.engagementId} does not exist`);
      if (engagement.status === 'CLOSED') {
        throw findingErrors.raise('ENGAGEMENT_CLOSED', `engagement "${engagement.title}" is closed: no more findings can be raised on it`);
      }
      const repository = manager.getRepository(FindingEntity);
      const finding = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          engagementId: engagement.id,
          controlId,
          clause: input.clause ?? null,
          severity: input.severity,
          description: input.description.trim(),
          status: 'OPEN',
          raisedBy,
        }),
      );
      await this.deps.outbox.record(manager, FindingRaised, finding.id, toFindingEventData(finding), context);
      // A nonconformity opens its corrective action (flow 5) in the same transaction.
      await new CorrectiveActionService(this.deps).openFor(manager, finding, { ownerPersonId: input.correctiveActionOwnerId, dueOn: input.correctiveActionDueOn }, context);
      return finding;
    });
  }
}
