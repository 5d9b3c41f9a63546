import { EvidenceItemChanged } from '@iso27001/contracts';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { EvidenceItemEntity } from './evidence-item.entity';
import { evidenceItemErrors } from './evidence-item.errors';
import { AddEvidenceInput, EvidenceItemsArgs, ReviewEvidenceInput } from './evidence-item.input';
import { toEvidenceEventData } from './evidence-item.mapper';

/** Clock skew tolerated between the caller and this service for "collected at". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export class EvidenceItemService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string, args: EvidenceItemsArgs): Promise<EvidenceItemEntity[]> {
    return this.deps.dataSource.getRepository(EvidenceItemEntity).find({
      where: { organisationId, ...(args.controlId ? { controlId: args.controlId } : {}) },
      order: { collectedAt: 'DESC', id: 'ASC' },
    });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<EvidenceItemEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(EvidenceItemEntity), { organisationId }, ids);
  }

  async add(input: AddEvidenceInput, collectedBy: string, context: EventContext): Promise<EvidenceItemEntity> {
    const controlId = input.controlId ?? null;
    if (controlId && !isAnnexAControlId(controlId)) {
      throw evidenceItemErrors.raise('UNKNOWN_CONTROL', `${controlId} is not a control of ISO/IEC 27001:2022 Annex A`);
    }
    const collectedAt = input.collectedAt ?? new Date();
    if (collectedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw evidenceItemErrors.raise('COLLECTED_IN_FUTURE', `collectedAt ${collectedAt.toISOString()} is in the future`);
    }
    const validUntil = input.validUntil ?? null;
    if (validUntil && validUntil < collectedAt.toISOString().slice(0, 10)) {
      throw evidenceItemErrors.raise('VALID_UNTIL_BEFORE_COLLECTED', `validUntil (${validUntil}) must not be before the day it was collected`);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(EvidenceItemEntity);
      const item = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          title: input.title.trim(),
          description: input.description?.trim() || null,
          controlId,
          clause: input.clause ?? null,
          collectedAt,
          validUntil,
          status: 'COLLECTED',
          sha256: input.sha256?.toLowerCase() ?? null,
          collectedBy,
          reviewedBy: null,
          reviewedAt: null,
          reviewComment: null,
        }),
      );
      await this.deps.outbox.record(manager, EvidenceItemChanged, item.id, toEvidenceEventData(item), context);
      return item;
    });
  }

  /** Approves or rejects collected evidence; whoever collected it may not approve it (segregation of duties, A.5.3). */
  async review(input: ReviewEvidenceInput, reviewer: string, context: EventContext): Promise<EvidenceItemEntity> {
    const comment = input.comment?.trim() || null;
    if (input.decision === 'REJECTED' && !comment) {
      throw evidenceItemErrors.raise('COMMENT_REQUIRED', 'a comment is required when rejecting evidence: say what is missing');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const item = await manager
        .getRepository(EvidenceItemEntity)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id AND e.organisation_id = :organisationId', { id: input.id, organisationId: context.organisationId })
        .getOne();
      if (!item) throw evidenceItemErrors.raise('EVIDENCE_NOT_FOUND', `evidence ${input.id} does not exist`);
      if (item.status !== 'COLLECTED') {
        throw evidenceItemErrors.raise('EVIDENCE_ALREADY_REVIEWED', `evidence "${item.title}" is ${item.status}; only collected evidence can be reviewed`);
      }
      if (input.decision === 'APPROVED' && item.collectedBy === reviewer) {
        throw evidenceItemErrors.raise(
          'SELF_APPROVAL',
          'segregation of duties: you collected this evidence, so someone else must approve it',
        );
      }
      item.status = input.decision;
      item.reviewedBy = reviewer;
      item.reviewedAt = new Date();
      item.reviewComment = comment;
      const saved = await manager.getRepository(EvidenceItemEntity).save(item);
      await this.deps.outbox.record(manager, EvidenceItemChanged, saved.id, toEvidenceEventData(saved), context);
      return saved;
    });
  }
}
