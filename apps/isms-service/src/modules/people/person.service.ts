import { Brackets, EntityManager } from 'typeorm';
import { PersonUpserted } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { cycleIfLinked } from '../shared/hierarchy';
import { PersonEntity } from './person.entity';
import { personErrors } from './person.errors';
import { CreatePersonInput, PeopleArgs, UpdatePersonInput } from './person.input';
import { toPersonEventData } from './person.mapper';

export class PersonService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A page of people; `reach` (null: organisation-wide) narrows it to the people of the caller's units and the caller. */
  async page(organisationId: string, args: PeopleArgs, reach: { unitIds: string[]; personId: string | null } | null = null): Promise<{ totalCount: number; nodes: PersonEntity[] }> {
    const query = this.deps.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId });
    if (reach) {
      query.andWhere('(p.unit_id = ANY(:reachUnits::uuid[]) OR p.id = :reachPerson)', { reachUnits: reach.unitIds, reachPerson: reach.personId ?? '00000000-0000-0000-0000-000000000000' });
    }
    if (args.unitId) {
      if (args.includeSubUnits === false) {
        query.andWhere('p.unit_id = :unitId', { unitId: args.unitId });
      } else {
        // The unit and every unit below it, in the same statement (one round trip, whatever the depth).
        query.andWhere(
          `p.unit_id IN (WITH RECURSIVE below AS (
             SELECT id FROM org_unit WHERE id = :unitId AND organisation_id = :organisationId
             UNION
             SELECT u.id FROM org_unit u JOIN below ON u.parent_id = below.id
           ) SELECT id FROM below)`,
          { unitId: args.unitId },
        );
      }
    }
    if (args.active !== undefined && args.active !== null) query.andWhere('p.active = :active', { active: args.active });
    if (args.search) {
      const pattern = `%${args.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((q) =>
          q.where('p.name ILIKE :pattern', { pattern }).orWhere('p.email ILIKE :pattern', { pattern }).orWhere('p.external_id ILIKE :pattern', { pattern }),
        ),
      );
    }
    const [nodes, totalCount] = await query.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').skip(args.offset).take(args.first).getManyAndCount();
    return { totalCount, nodes };
  }

  /** The person record of a signed-in user, matched by the e-mail of their claims (null when there is none). */
  byEmail(organisationId: string, email: string): Promise<PersonEntity | null> {
    return this.deps.dataSource.getRepository(PersonEntity).findOneBy({ organisationId, email: email.trim().toLowerCase() });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<PersonEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(PersonEntity), { organisationId }, ids);
  }

  async create(input: CreatePersonInput, context: EventContext): Promise<PersonEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const { organisationId } = context;
      const unitId = input.unitId ?? null;
      const managerId = input.managerId ?? null;
      await this.assertUnitUsable(manager, organisationId, unitId);
      if (managerId && !(await manager.existsBy(PersonEntity, { id: managerId, organisationId }))) {
        throw personErrors.raise('MANAGER_NOT_FOUND', `manager ${managerId} does not exist`);
      }
      const email = input.email.trim().toLowerCase();
      await this.assertEmailFree(manager, organisationId, email, null);
      const externalId = input.externalId?.trim() || null;
      await this.assertExternalIdFree(manager, organisationId, externalId, null);
      const repository = manager.getRepository(PersonEntity);
      const person = await repository.save(
        repository.create({ organisationId, email, name: input.name.trim(), unitId, managerId, jobRole: input.jobRole?.trim() || null, active: true, externalId }),
      );
      await this.deps.outbox.record(manager, PersonUpserted, person.id, toPersonEventData(person), context);
      return person;
    });
  }

  async update(input: UpdatePersonInput, context: EventContext): Promise<PersonEntity> {
    return this.change(input.id, context, async (manager, person) => {
      const { organisationId } = context;
      if (input.email !== undefined && input.email !== null) {
        const email = input.email.trim().toLowerCase();
        if (email !== person.email) await this.assertEmailFree(manager, organisationId, email, person.id);
        person.email = email;
      }
      if (input.name !== undefined && input.name !== null) person.name = input.name.trim();
      if (input.unitId !== undefined) {
        const unitId = input.unitId ?? null;
        if (unitId !== person.unitId) await this.assertUnitUsable(manager, organisationId, unitId);
        person.unitId = unitId;
      }
      if (input.managerId !== undefined) {
        const managerId = input.managerId ?? null;
        if (managerId !== person.managerId) await this.assertManagerFits(manager, organisationId, person, managerId);
        person.managerId = managerId;
      }
      if (input.jobRole !== undefined) person.jobRole = input.jobRole?.trim() || null;
      if (input.externalId !== undefined) {
        const externalId = input.externalId?.trim() || null;
        await this.assertExternalIdFree(manager, organisationId, externalId, person.id);
        person.externalId = externalId;
      }
    });
  }

  /** A leaver: kept for history (owned risks, training records), no longer assigned new work. */
  deactivate(id: string, context: EventContext): Promise<PersonEntity> {
    return this.change(id, context, async (_manager, person) => {
      person.active = false;
    });
  }

  reactivate(id: string, context: EventContext): Promise<PersonEntity> {
    return this.change(id, context, async (manager, person) => {
      if (!person.active) await this.assertUnitUsable(manager, context.organisationId, person.unitId);
      person.active = true;
    });
  }

  /** Loads the person (locked), applies `apply`, and saves + records the event only if the state changed. */
  private async change(id: string, context: EventContext, apply: (manager: EntityManager, person: PersonEntity) => Promise<void>): Promise<PersonEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      // Reporting-line changes of one organisation are serialised so two concurrent updates cannot build a cycle.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`isms:reporting-line:${context.organisationId}`]);
      const person = await manager.findOneBy(PersonEntity, { id, organisationId: context.organisationId });
      if (!person) throw personErrors.raise('PERSON_NOT_FOUND', `person ${id} does not exist`);
      const before = JSON.stringify(toPersonEventData(person));
      await apply(manager, person);
      if (JSON.stringify(toPersonEventData(person)) === before) return person;
      const saved = await manager.save(person);
      await this.deps.outbox.record(manager, PersonUpserted, saved.id, toPersonEventData(saved), context);
      return saved;
    });
  }

  private async assertUnitUsable(manager: EntityManager, organisationId: string, unitId: string | null): Promise<void> {
    if (!unitId) return;
    const unit = await manager.findOneBy(OrgUnitEntity, { id: unitId, organisationId });
    if (!unit) throw personErrors.raise('UNIT_NOT_FOUND', `unit ${unitId} does not exist`);
    if (!unit.active) throw personErrors.raise('UNIT_INACTIVE', `unit "${unit.name}" is deactivated: choose an active unit`);
  }

  private async assertManagerFits(manager: EntityManager, organisationId: string, person: PersonEntity, managerId: string | null): Promise<void> {
    if (!managerId) return;
    if (managerId === person.id) throw personErrors.raise('MANAGER_CYCLE', `${person.name} cannot be their own manager`);
    // The new manager's reporting line upwards, in one query: a cycle exactly when the person is on it.
    const chain: { id: string; manager_id: string | null; name: string }[] = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT id, manager_id, name, 1 AS depth FROM person WHERE id = $1 AND organisation_id = $2
         UNION ALL
         SELECT p.id, p.manager_id, p.name, up.depth + 1 FROM person p JOIN up ON p.id = up.manager_id WHERE up.depth < 1000
       ) SELECT id, manager_id, name FROM up`,
      [managerId, organisationId],
    );
    if (chain.length === 0) throw personErrors.raise('MANAGER_NOT_FOUND', `manager ${managerId} does not exist`);
    const managers = new Map(chain.map((row) => [row.id, row.manager_id]));
    const names = new Map([...chain.map((row) => [row.id, row.name] as const), [person.id, person.name]]);
    const cycle = cycleIfLinked(person.id, managerId, (id) => managers.get(id));
    if (cycle) {
      throw personErrors.raise('MANAGER_CYCLE', `making ${names.get(managerId)} the manager of ${person.name} would make a reporting cycle: ${cycle.map((id) => names.get(id)).join(' -> ')}`, {
        cycle,
      });
    }
  }

  private async assertEmailFree(manager: EntityManager, organisationId: string, email: string, exceptId: string | null): Promise<void> {
    const holder = await manager.findOneBy(PersonEntity, { organisationId, email });
    if (holder && holder.id !== exceptId) throw personErrors.raise('EMAIL_TAKEN', `a person with e-mail ${email} already exists`);
  }

  private async assertExternalIdFree(manager: EntityManager, organisationId: string, externalId: string | null, exceptId: string | null): Promise<void> {
    if (!externalId) return;
    const holder = await manager.findOneBy(PersonEntity, { organisationId, externalId });
    if (holder && holder.id !== exceptId) throw personErrors.raise('EXTERNAL_ID_TAKEN', `external id "${externalId}" is already used by ${holder.name}`);
  }
}
