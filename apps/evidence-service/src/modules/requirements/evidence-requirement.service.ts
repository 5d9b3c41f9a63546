import { EntityManager, IsNull } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceRequestService } from '../requests/evidence-request.service';
import { EvidenceRequirementEntity } from './evidence-requirement.entity';
import { evidenceRequirementErrors } from './evidence-requirement.errors';
import { AddEvidenceRequirementInput, ChangeEvidenceRequirementInput } from './evidence-requirement.input';
import { ensureRequirementsSeeded } from './evidence-requirement.store';

/**
 * The organisation's evidence requirements: seeded from the default set on first use, then added to, changed and
 * retired by the programme managers. Every change is a mutation, so the audit trail keeps its before and after.
 */
export class EvidenceRequirementService {
  private readonly requests: EvidenceRequestService;

  constructor(private readonly deps: ServiceDeps) {
    this.requests = new EvidenceRequestService(deps);
  }

  async list(organisationId: string, filter: { controlId?: string | null; includeRetired: boolean }): Promise<EvidenceRequirementEntity[]> {
    await this.deps.dataSource.transaction((manager) => ensureRequirementsSeeded(manager, organisationId));
    return this.deps.dataSource.getRepository(EvidenceRequirementEntity).find({
      where: { organisationId, ...(filter.controlId ? { controlId: filter.controlId } : {}), ...(filter.includeRetired ? {} : { retiredAt: IsNull() }) },
      order: { controlId: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async one(organisationId: string, id: string): Promise<EvidenceRequirementEntity | null> {
    await this.deps.dataSource.transaction((manager) => ensureRequirementsSeeded(manager, organisationId));
    return this.deps.dataSource.getRepository(EvidenceRequirementEntity).findOneBy({ organisationId, id });
  }

  /** A new requirement; where its control is applicable and implemented, its requests open at once. */
  async add(input: AddEvidenceRequirementInput, claims: Claims, context: EventContext): Promise<EvidenceRequirementEntity> {
    if (!isAnnexAControlId(input.controlId)) {
      throw evidenceRequirementErrors.raise('UNKNOWN_CONTROL', `${input.controlId} is not an ISO/IEC 27001:2022 Annex A control`, { field: 'controlId' });
    }
    const title = input.title.trim();
    if (!title) throw evidenceRequirementErrors.raise('REQUIREMENT_TITLE_REQUIRED', 'a requirement needs a title saying what evidence is needed', { field: 'title' });
    return this.deps.dataSource.transaction(async (manager) => {
      await ensureRequirementsSeeded(manager, context.organisationId);
      const now = new Date();
      const repository = manager.getRepository(EvidenceRequirementEntity);
      const requirement = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          controlId: input.controlId,
          defaultKey: null,
          title,
          description: input.description?.trim() || null,
          frequency: input.frequency,
          retiredAt: null,
          retiredBy: null,
          createdBy: claims.sub,
          createdAt: now,
          updatedBy: claims.sub,
          updatedAt: now,
        }),
      );
      await this.requests.openForRequirement(manager, requirement, context);
      return requirement;
    });
  }

  async change(input: ChangeEvidenceRequirementInput, claims: Claims, context: EventContext): Promise<EvidenceRequirementEntity> {
    if (input.title == null && input.description === undefined && input.frequency == null) {
      throw evidenceRequirementErrors.raise('NOTHING_TO_CHANGE', 'give a new title, description or frequency');
    }
    if (input.title != null && !input.title.trim()) {
      throw evidenceRequirementErrors.raise('REQUIREMENT_TITLE_REQUIRED', 'a requirement needs a title saying what evidence is needed', { field: 'title' });
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const requirement = await this.locked(manager, context.organisationId, input.id);
      if (requirement.retiredAt) throw evidenceRequirementErrors.raise('REQUIREMENT_RETIRED', `evidence requirement "${requirement.title}" is retired: add a new one instead`);
      if (input.title != null) requirement.title = input.title.trim();
      if (input.description !== undefined) requirement.description = input.description?.trim() || null;
      if (input.frequency != null) requirement.frequency = input.frequency;
      requirement.updatedBy = claims.sub;
      requirement.updatedAt = new Date();
      return manager.getRepository(EvidenceRequirementEntity).save(requirement);
    });
  }

  /** Retires a requirement: it opens no more requests, and its open ones are cancelled. */
  async retire(id: string, claims: Claims, context: EventContext): Promise<EvidenceRequirementEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const requirement = await this.locked(manager, context.organisationId, id);
      if (requirement.retiredAt) throw evidenceRequirementErrors.raise('REQUIREMENT_RETIRED', `evidence requirement "${requirement.title}" is already retired`);
      const now = new Date();
      Object.assign(requirement, { retiredAt: now, retiredBy: claims.sub, updatedBy: claims.sub, updatedAt: now });
      const saved = await manager.getRepository(EvidenceRequirementEntity).save(requirement);
      await this.requests.cancel(manager, { organisationId: context.organisationId, requirementId: saved.id }, 'requirement retired', context);
      return saved;
    });
  }

  private async locked(manager: EntityManager, organisationId: string, id: string): Promise<EvidenceRequirementEntity> {
    await ensureRequirementsSeeded(manager, organisationId);
    const requirement = await manager.getRepository(EvidenceRequirementEntity).findOne({ where: { organisationId, id }, lock: { mode: 'pessimistic_write' } });
    if (!requirement) throw evidenceRequirementErrors.raise('REQUIREMENT_NOT_FOUND', `no evidence requirement ${id}`);
    return requirement;
  }
}
