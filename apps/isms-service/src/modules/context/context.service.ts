import { EntityManager, LessThan } from 'typeorm';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { assertPeopleExist } from '../shared/people-check';
import { ContextIssueEntity, InterestedPartyEntity, ObligationEntity } from './context.entity';
import { contextErrors } from './context.errors';
import {
  CreateContextIssueInput,
  CreateInterestedPartyInput,
  CreateObligationInput,
  UpdateContextIssueInput,
  UpdateInterestedPartyInput,
  UpdateObligationInput,
} from './context.input';

/** Copies the fields the caller gave (undefined = leave as is) onto the row. */
function patch<T extends object>(row: T, changes: Partial<T>): T {
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) (row as Record<string, unknown>)[key] = value;
  return row;
}

const cleanList = (items: string[]) => [...new Set(items.map((i) => i.trim()).filter((i) => i !== ''))];

export class ContextService {
  constructor(private readonly deps: ServiceDeps) {}

  issues(organisationId: string): Promise<ContextIssueEntity[]> {
    return this.deps.dataSource.getRepository(ContextIssueEntity).find({ where: { organisationId }, order: { category: 'ASC', title: 'ASC' } });
  }

  parties(organisationId: string): Promise<InterestedPartyEntity[]> {
    return this.deps.dataSource.getRepository(InterestedPartyEntity).find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  /** Interested parties by id, in one query (an obligation's party, batched per request). */
  partiesByIds(organisationId: string, ids: readonly string[]): Promise<InterestedPartyEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(InterestedPartyEntity), { organisationId }, ids);
  }

  obligations(organisationId: string): Promise<ObligationEntity[]> {
    return this.deps.dataSource.getRepository(ObligationEntity).find({ where: { organisationId }, order: { kind: 'ASC', title: 'ASC' } });
  }

  async dueForReview(organisationId: string, before: string) {
    const where = { organisationId, reviewDate: LessThan(before) };
    const order = { reviewDate: 'ASC' } as const;
    const [issues, interestedParties, obligations] = await Promise.all([
      this.deps.dataSource.getRepository(ContextIssueEntity).find({ where, order }),
      this.deps.dataSource.getRepository(InterestedPartyEntity).find({ where, order }),
      this.deps.dataSource.getRepository(ObligationEntity).find({ where: { ...where }, order }),
    ]);
    return { issues, interestedParties, obligations: obligations.filter((o) => o.status !== 'RETIRED') };
  }

  async createIssue(input: CreateContextIssueInput, context: EventContext): Promise<ContextIssueEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.assertUnit(manager, context.organisationId, input.unitId);
      const repository = manager.getRepository(ContextIssueEntity);
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          title: input.title.trim(),
          description: input.description.trim(),
          category: input.category,
          impact: input.impact.trim(),
          unitId: input.unitId ?? null,
          reviewDate: input.reviewDate ?? null,
        }),
      );
    });
  }

  async updateIssue(input: UpdateContextIssueInput, context: EventContext): Promise<ContextIssueEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const issue = await manager.findOneBy(ContextIssueEntity, { id: input.id, organisationId: context.organisationId });
      if (!issue) throw contextErrors.raise('CONTEXT_ISSUE_NOT_FOUND', `context issue ${input.id} does not exist`);
      if (input.unitId) await this.assertUnit(manager, context.organisationId, input.unitId);
      patch(issue, {
        title: input.title?.trim() ?? undefined,
        description: input.description?.trim() ?? undefined,
        category: input.category ?? undefined,
        impact: input.impact?.trim() ?? undefined,
        unitId: input.unitId,
        reviewDate: input.reviewDate,
      });
      return manager.save(issue);
    });
  }

  async createParty(input: CreateInterestedPartyInput, context: EventContext): Promise<InterestedPartyEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const name = input.name.trim();
      await this.assertPartyNameFree(manager, context.organisationId, name, null);
      const repository = manager.getRepository(InterestedPartyEntity);
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          name,
          description: input.description.trim(),
          requirements: cleanList(input.requirements),
          reviewDate: input.reviewDate ?? null,
        }),
      );
    });
  }

  async updateParty(input: UpdateInterestedPartyInput, context: EventContext): Promise<InterestedPartyEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const party = await manager.findOneBy(InterestedPartyEntity, { id: input.id, organisationId: context.organisationId });
      if (!party) throw contextErrors.raise('INTERESTED_PARTY_NOT_FOUND', `interested party ${input.id} does not exist`);
      const name = input.name?.trim();
      if (name && name.toLowerCase() !== party.name.toLowerCase()) await this.assertPartyNameFree(manager, context.organisationId, name, party.id);
      patch(party, {
        name: name ?? undefined,
        description: input.description?.trim() ?? undefined,
        requirements: input.requirements ? cleanList(input.requirements) : undefined,
        reviewDate: input.reviewDate,
      });
      return manager.save(party);
    });
  }

  async createObligation(input: CreateObligationInput, context: EventContext): Promise<ObligationEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.assertOwnerAndParty(manager, context.organisationId, input.ownerId, input.interestedPartyId);
      const repository = manager.getRepository(ObligationEntity);
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          title: input.title.trim(),
          description: input.description.trim(),
          kind: input.kind,
          source: input.source.trim(),
          ownerId: input.ownerId ?? null,
          reviewDate: input.reviewDate ?? null,
          status: input.status,
          interestedPartyId: input.interestedPartyId ?? null,
        }),
      );
    });
  }

  async updateObligation(input: UpdateObligationInput, context: EventContext): Promise<ObligationEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const obligation = await manager.findOneBy(ObligationEntity, { id: input.id, organisationId: context.organisationId });
      if (!obligation) throw contextErrors.raise('OBLIGATION_NOT_FOUND', `obligation ${input.id} does not exist`);
      await this.assertOwnerAndParty(manager, context.organisationId, input.ownerId, input.interestedPartyId);
      patch(obligation, {
        title: input.title?.trim() ?? undefined,
        description: input.description?.trim() ?? undefined,
        kind: input.kind ?? undefined,
        source: input.source?.trim() ?? undefined,
        ownerId: input.ownerId,
        reviewDate: input.reviewDate,
        status: input.status ?? undefined,
        interestedPartyId: input.interestedPartyId,
      });
      return manager.save(obligation);
    });
  }

  private async assertUnit(manager: EntityManager, organisationId: string, unitId: string | null | undefined): Promise<void> {
    if (unitId && !(await manager.existsBy(OrgUnitEntity, { id: unitId, organisationId }))) {
      throw contextErrors.raise('UNIT_NOT_FOUND', `unit ${unitId} does not exist`);
    }
  }

  private async assertOwnerAndParty(manager: EntityManager, organisationId: string, ownerId: string | null | undefined, partyId: string | null | undefined): Promise<void> {
    await assertPeopleExist(manager, organisationId, [ownerId], (id) => contextErrors.raise('OWNER_NOT_FOUND', `owner ${id} is not a person of this organisation`));
    if (partyId && !(await manager.existsBy(InterestedPartyEntity, { id: partyId, organisationId }))) {
      throw contextErrors.raise('PARTY_NOT_FOUND', `interested party ${partyId} does not exist`);
    }
  }

  private async assertPartyNameFree(manager: EntityManager, organisationId: string, name: string, exceptId: string | null): Promise<void> {
    const query = manager
      .getRepository(InterestedPartyEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId AND lower(p.name) = lower(:name)', { organisationId, name });
    if (exceptId) query.andWhere('p.id <> :exceptId', { exceptId });
    if (await query.getExists()) throw contextErrors.raise('PARTY_NAME_TAKEN', `an interested party named "${name}" already exists`);
  }
}
