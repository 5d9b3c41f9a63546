import { EntityManager, In } from 'typeorm';
import { OrgUnitUpserted } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { cycleIfLinked } from '../shared/hierarchy';
import { OrgUnitEntity } from './org-unit.entity';
import { orgUnitErrors } from './org-unit.errors';
import { CreateOrgUnitInput, MoveOrgUnitInput, OrgUnitsArgs, UpdateOrgUnitInput } from './org-unit.input';
import { toOrgUnitEventData } from './org-unit.mapper';

/** Serialises hierarchy changes of one organisation, so two concurrent moves cannot build a cycle together. */
export async function lockHierarchy(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`isms:org-unit-hierarchy:${organisationId}`]);
}

export class OrgUnitService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The units, by name; `reach` (the caller's units, sub-units included) narrows them unless it is null (organisation-wide). */
  list(organisationId: string, args: OrgUnitsArgs = {}, reach: readonly string[] | null = null): Promise<OrgUnitEntity[]> {
    return this.deps.dataSource.getRepository(OrgUnitEntity).find({
      where: {
        organisationId,
        ...(args.active === undefined || args.active === null ? {} : { active: args.active }),
        ...(reach === null ? {} : { id: In([...reach]) }),
      },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<OrgUnitEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(OrgUnitEntity), { organisationId }, ids);
  }

  async create(input: CreateOrgUnitInput, context: EventContext): Promise<OrgUnitEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await lockHierarchy(manager, context.organisationId);
      const repository = manager.getRepository(OrgUnitEntity);
      const parentId = input.parentId ?? null;
      if (parentId) await this.activeParent(manager, context.organisationId, parentId);
      const name = input.name.trim();
      await this.assertNameFree(manager, context.organisationId, name, parentId, null);
      const externalId = input.externalId?.trim() || null;
      await this.assertExternalIdFree(manager, context.organisationId, externalId, null);
      const unit = await repository.save(repository.create({ organisationId: context.organisationId, name, kind: input.kind, parentId, externalId, active: true }));
      await this.deps.outbox.record(manager, OrgUnitUpserted, unit.id, toOrgUnitEventData(unit), context);
      return unit;
    });
  }

  async update(input: UpdateOrgUnitInput, context: EventContext): Promise<OrgUnitEntity> {
    return this.change(input.id, context, async (manager, unit) => {
      if (input.name !== undefined && input.name !== null) {
        const name = input.name.trim();
        if (name.toLowerCase() !== unit.name.toLowerCase()) await this.assertNameFree(manager, context.organisationId, name, unit.parentId, unit.id);
        unit.name = name;
      }
      if (input.kind !== undefined && input.kind !== null) unit.kind = input.kind;
      if (input.externalId !== undefined) {
        const externalId = input.externalId?.trim() || null;
        await this.assertExternalIdFree(manager, context.organisationId, externalId, unit.id);
        unit.externalId = externalId;
      }
    });
  }

  async move(input: MoveOrgUnitInput, context: EventContext): Promise<OrgUnitEntity> {
    return this.change(input.id, context, async (manager, unit) => {
      const parentId = input.parentId ?? null;
      if (parentId === unit.parentId) return;
      if (parentId) {
        if (parentId === unit.id) throw orgUnitErrors.raise('HIERARCHY_CYCLE', `unit "${unit.name}" cannot be its own parent`);
        await this.activeParent(manager, context.organisationId, parentId);
        // The new parent's ancestors, in one query: the move makes a cycle exactly when the unit is among them.
        const chain: { id: string; parent_id: string | null; name: string }[] = await manager.query(
          `WITH RECURSIVE up AS (
             SELECT id, parent_id, name, 1 AS depth FROM org_unit WHERE id = $1 AND organisation_id = $2
             UNION ALL
             SELECT u.id, u.parent_id, u.name, up.depth + 1 FROM org_unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 1000
           ) SELECT id, parent_id, name FROM up`,
          [parentId, context.organisationId],
        );
        const parents = new Map(chain.map((row) => [row.id, row.parent_id]));
        const names = new Map([...chain.map((row) => [row.id, row.name] as const), [unit.id, unit.name]]);
        const cycle = cycleIfLinked(unit.id, parentId, (id) => parents.get(id));
        if (cycle) {
          throw orgUnitErrors.raise(
            'HIERARCHY_CYCLE',
            `moving "${unit.name}" under "${names.get(parentId)}" would make a cycle: ${cycle.map((id) => names.get(id) ?? id).join(' -> ')}`,
            { cycle },
          );
        }
      }
      await this.assertNameFree(manager, context.organisationId, unit.name, parentId, unit.id);
      unit.parentId = parentId;
    });
  }

  async deactivate(id: string, context: EventContext): Promise<OrgUnitEntity> {
    return this.change(id, context, async (manager, unit) => {
      if (!unit.active) return;
      const [usage]: { units: string; people: string }[] = await manager.query(
        `SELECT (SELECT count(*) FROM org_unit WHERE organisation_id = $1 AND parent_id = $2 AND active) AS units,
                (SELECT count(*) FROM person WHERE organisation_id = $1 AND unit_id = $2 AND active) AS people`,
        [context.organisationId, unit.id],
      );
      const units = Number(usage?.units ?? 0);
      const people = Number(usage?.people ?? 0);
      if (units > 0 || people > 0) {
        throw orgUnitErrors.raise(
          'UNIT_IN_USE',
          `unit "${unit.name}" still has ${units} active sub-unit(s) and ${people} active person(s): move or deactivate them first`,
          { activeUnits: units, activePeople: people },
        );
      }
      unit.active = false;
    });
  }

  async reactivate(id: string, context: EventContext): Promise<OrgUnitEntity> {
    return this.change(id, context, async (manager, unit) => {
      if (unit.active) return;
      if (unit.parentId) await this.activeParent(manager, context.organisationId, unit.parentId);
      unit.active = true;
    });
  }

  /** Loads the unit under the hierarchy lock, applies `apply`, and saves + records the event only if it changed. */
  private async change(id: string, context: EventContext, apply: (manager: EntityManager, unit: OrgUnitEntity) => Promise<void>): Promise<OrgUnitEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await lockHierarchy(manager, context.organisationId);
      const unit = await manager.findOneBy(OrgUnitEntity, { id, organisationId: context.organisationId });
      if (!unit) throw orgUnitErrors.raise('ORG_UNIT_NOT_FOUND', `unit ${id} does not exist`);
      const before = JSON.stringify(toOrgUnitEventData(unit));
      await apply(manager, unit);
      if (JSON.stringify(toOrgUnitEventData(unit)) === before) return unit;
      const saved = await manager.save(unit);
      await this.deps.outbox.record(manager, OrgUnitUpserted, saved.id, toOrgUnitEventData(saved), context);
      return saved;
    });
  }

  private async activeParent(manager: EntityManager, organisationId: string, parentId: string): Promise<OrgUnitEntity> {
    const parent = await manager.findOneBy(OrgUnitEntity, { id: parentId, organisationId });
    if (!parent) throw orgUnitErrors.raise('PARENT_NOT_FOUND', `parent unit ${parentId} does not exist`);
    if (!parent.active) throw orgUnitErrors.raise('PARENT_INACTIVE', `parent unit "${parent.name}" is deactivated: reactivate it first or choose another parent`);
    return parent;
  }

  private async assertNameFree(manager: EntityManager, organisationId: string, name: string, parentId: string | null, exceptId: string | null): Promise<void> {
    const query = manager
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('u')
      .where('u.organisation_id = :org AND lower(u.name) = lower(:name)', { org: organisationId, name })
      .andWhere(parentId ? 'u.parent_id = :parentId' : 'u.parent_id IS NULL', { parentId });
    if (exceptId) query.andWhere('u.id <> :exceptId', { exceptId });
    if (await query.getExists()) throw orgUnitErrors.raise('NAME_TAKEN', `a unit named "${name}" already exists under the same parent`);
  }

  private async assertExternalIdFree(manager: EntityManager, organisationId: string, externalId: string | null, exceptId: string | null): Promise<void> {
    if (!externalId) return;
    const holder = await manager.findOneBy(OrgUnitEntity, { organisationId, externalId });
    if (holder && holder.id !== exceptId) throw orgUnitErrors.raise('EXTERNAL_ID_TAKEN', `external id "${externalId}" is already used by unit "${holder.name}"`);
  }
}
