import { In } from 'typeorm';
import { OrgUnitUpserted } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from './org-unit.entity';
import { orgUnitErrors } from './org-unit.errors';
import { CreateOrgUnitInput } from './org-unit.input';

export class OrgUnitService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<OrgUnitEntity[]> {
    return this.deps.dataSource.getRepository(OrgUnitEntity).find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<OrgUnitEntity[]> {
    return this.deps.dataSource.getRepository(OrgUnitEntity).findBy({ organisationId, id: In([...ids]) });
  }

  async create(input: CreateOrgUnitInput, context: EventContext): Promise<OrgUnitEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OrgUnitEntity);
      const parentId = input.parentId ?? null;
      if (parentId && !(await repository.existsBy({ id: parentId, organisationId: context.organisationId }))) {
        throw orgUnitErrors.raise('PARENT_NOT_FOUND', `parent unit ${parentId} does not exist`);
      }
      const name = input.name.trim();
      const duplicate = await repository
        .createQueryBuilder('u')
        .where('u.organisation_id = :org AND lower(u.name) = lower(:name)', { org: context.organisationId, name })
        .andWhere(parentId ? 'u.parent_id = :parentId' : 'u.parent_id IS NULL', { parentId })
        .getExists();
      if (duplicate) throw orgUnitErrors.raise('NAME_TAKEN', `a unit named "${name}" already exists under the same parent`);
      const unit = await repository.save(repository.create({ organisationId: context.organisationId, name, kind: input.kind, parentId }));
      await this.deps.outbox.record(manager, OrgUnitUpserted, unit.id, { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId }, context);
      return unit;
    });
  }
}
