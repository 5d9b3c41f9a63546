import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Access } from '@iso27001/authz';
import { ControlImplementationChanged } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { ANNEX_A, isAnnexAControlId } from '@iso27001/iso27001';
import { PersonService } from '../people/person.service';
import { IsmsScopeEntity } from '../soa/isms-scope.entity';
import { ControlImplementationEntity } from './control-implementation.entity';
import { implementationErrors } from './control-implementation.errors';
import { ControlImplementationFieldsInput, ControlImplementationPageArgs, CreateControlImplementationInput } from './control-implementation.input';
import { toImplementationEventData } from './control-implementation.mapper';
import { assertMayChange, assertMayImplementIn, withinReach } from './control-implementation.scope';

/** Annex A control ids in catalogue order: the position of a control in this list is its place in the catalogue. */
const CATALOGUE_ORDER = ANNEX_A.map((control) => control.id);

export class ControlImplementationService {
  private readonly people: PersonService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonService(deps);
  }

  /** The implementations within the caller's reach matching the filters. */
  list(organisationId: string, filter: { controlId?: string | null; unitId?: string | null }, access: Access): Promise<ControlImplementationEntity[]> {
    const query = this.deps.dataSource.getRepository(ControlImplementationEntity).createQueryBuilder('ci').where('ci.organisation_id = :organisationId', { organisationId });
    if (filter.controlId) query.andWhere('ci.control_id = :controlId', { controlId: filter.controlId });
    if (filter.unitId) query.andWhere('ci.unit_id = :unitId', { unitId: filter.unitId });
    return withinReach(query, 'ci', access).orderBy('ci.control_id', 'ASC').addOrderBy('ci.unit_id', 'ASC').getMany();
  }

  /**
   * One page of the implementations matching the filters, in catalogue order of their controls (A.5.1 … A.8.34),
   * then by unit id and id, so that pages never overlap; with their number over all pages (both within the caller's reach).
   */
  async page(organisationId: string, args: ControlImplementationPageArgs, access: Access): Promise<{ nodes: ControlImplementationEntity[]; totalCount: number }> {
    const query = this.deps.dataSource
      .getRepository(ControlImplementationEntity)
      .createQueryBuilder('ci')
      .where('ci.organisation_id = :organisationId', { organisationId });
    if (args.unitId) query.andWhere('ci.unit_id = :unitId', { unitId: args.unitId });
    if (args.controlId) query.andWhere('ci.control_id = :controlId', { controlId: args.controlId.trim() });
    if (args.status) query.andWhere('ci.status = :status', { status: args.status });
    const [nodes, totalCount] = await withinReach(query, 'ci', access)
      .addSelect('array_position(:catalogue::text[], ci.control_id)', 'catalogue_position')
      .setParameter('catalogue', CATALOGUE_ORDER)
      .orderBy('catalogue_position', 'ASC')
      .addOrderBy('ci.unit_id', 'ASC')
      .addOrderBy('ci.id', 'ASC')
      .offset(args.offset)
      .limit(args.first)
      .getManyAndCount();
    return { nodes, totalCount };
  }

  /** Every implementation of the given controls within the caller's reach, in one query (DataLoader batches). */
  async byControls(organisationId: string, controlIds: readonly string[], access: Access): Promise<Map<string, ControlImplementationEntity[]>> {
    const query = this.deps.dataSource
      .getRepository(ControlImplementationEntity)
      .createQueryBuilder('ci')
      .where('ci.organisation_id = :organisationId AND ci.control_id = ANY(:controlIds::text[])', { organisationId, controlIds: [...controlIds] });
    const rows = await withinReach(query, 'ci', access).orderBy('ci.unit_id', 'ASC').addOrderBy('ci.id', 'ASC').getMany();
    const byControl = new Map<string, ControlImplementationEntity[]>();
    for (const row of rows) byControl.set(row.controlId, [...(byControl.get(row.controlId) ?? []), row]);
    return byControl;
  }

  async create(input: CreateControlImplementationInput, access: Access, context: EventContext): Promise<ControlImplementationEntity> {
    const controlId = input.controlId.trim();
    if (!isAnnexAControlId(controlId)) {
      throw implementationErrors.raise('UNKNOWN_CONTROL', `${controlId} is not an ISO/IEC 27001:2022 Annex A control`);
    }
    assertMayImplementIn(access, input.unitId, controlId);
    this.checkFields(input);
    await this.requireOwner(this.deps.dataSource.manager, context.organisationId, input.ownerId, null);
    return this.deps.dataSource.transaction(async (manager) => {
      await this.checkUnitInScope(manager, context.organisationId, input.unitId);
      const existing = await manager.getRepository(ControlImplementationEntity).findOneBy({ organisationId: context.organisationId, controlId, unitId: input.unitId });
      if (existing) {
        throw implementationErrors.raise('ALREADY_IMPLEMENTED_IN_UNIT', `${controlId} already has an implementation in unit ${input.unitId} (${existing.id}): update that one`, {
          id: existing.id,
        });
      }
      const entity = manager.create(ControlImplementationEntity, {
        id: randomUUID(),
        organisationId: context.organisationId,
        controlId,
        unitId: input.unitId,
        ...this.fields(input),
      });
      const saved = await manager.save(entity);
      await this.deps.outbox.record(manager, ControlImplementationChanged, saved.id, toImplementationEventData(saved, false), context);
      return saved;
    });
  }

  async update(id: string, input: ControlImplementationFieldsInput, access: Access, context: EventContext): Promise<ControlImplementationEntity> {
    this.checkFields(input);
    // Waits for a person created a moment ago before the row is locked; checked again under the lock below.
    const stored = await this.deps.dataSource.getRepository(ControlImplementationEntity).findOneBy({ id, organisationId: context.organisationId });
    if (stored) {
      assertMayChange(access, stored);
      await this.requireOwner(this.deps.dataSource.manager, context.organisationId, input.ownerId, stored.ownerId);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const entity = await this.locked(manager, id, context.organisationId);
      assertMayChange(access, entity);
      await this.requireOwner(manager, context.organisationId, input.ownerId, entity.ownerId, 0);
      Object.assign(entity, this.fields(input));
      const saved = await manager.save(entity);
      await this.deps.outbox.record(manager, ControlImplementationChanged, saved.id, toImplementationEventData(saved, false), context);
      return saved;
    });
  }

  async remove(id: string, access: Access, context: EventContext): Promise<ControlImplementationEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const entity = await this.locked(manager, id, context.organisationId);
      assertMayChange(access, entity);
      await manager.delete(ControlImplementationEntity, { id: entity.id });
      await this.deps.outbox.record(manager, ControlImplementationChanged, entity.id, toImplementationEventData(entity, true), context);
      return entity;
    });
  }

  /** Refuses an owner who is not an active person of the organisation, unless the implementation already has them. */
  private async requireOwner(manager: EntityManager, organisationId: string, ownerId: string | null | undefined, current: string | null, waitMs?: number): Promise<void> {
    const refused = await this.people.refusedOwners(manager, organisationId, ownerId ? [ownerId] : [], [current], waitMs);
    if (refused.length > 0) {
      throw implementationErrors.raise('UNKNOWN_PERSON', `ownerId: not an active person of the organisation (as known from isms-service): ${refused.join(', ')}`, {
        field: 'ownerId',
        personIds: refused,
      });
    }
  }

  private fields(input: ControlImplementationFieldsInput) {
    return {
      ownerId: input.ownerId ?? null,
      status: input.status,
      maturity: input.maturity,
      description: input.description.trim(),
      testProcedure: input.testProcedure?.trim() || null,
      testFrequency: input.testFrequency ?? null,
      lastTestedOn: input.lastTestedOn ?? null,
    };
  }

  private checkFields(input: ControlImplementationFieldsInput): void {
    const today = new Date().toISOString().slice(0, 10);
    if (input.lastTestedOn && input.lastTestedOn > today) {
      throw implementationErrors.raise('TESTED_IN_FUTURE', `lastTestedOn ${input.lastTestedOn} is in the future (today is ${today})`);
    }
    if (input.testFrequency && !input.testProcedure?.trim()) {
      throw implementationErrors.raise('TEST_PROCEDURE_REQUIRED', `a test frequency (${input.testFrequency}) needs the test procedure it schedules`);
    }
    if ((input.status === 'IMPLEMENTED' || input.status === 'PARTIALLY_IMPLEMENTED') && !input.description.trim()) {
      throw implementationErrors.raise('IMPLEMENTED_WITHOUT_DESCRIPTION', `a control ${input.status.toLowerCase().replace('_', ' ')} needs a description of how it is done`);
    }
  }

  private async checkUnitInScope(manager: EntityManager, organisationId: string, unitId: string): Promise<void> {
    const scope = await manager.getRepository(IsmsScopeEntity).findOneBy({ organisationId });
    if (!scope) throw implementationErrors.raise('SCOPE_NOT_APPROVED', 'no ISMS scope has been approved yet: controls are implemented in the units of the approved scope');
    if (!scope.inScopeUnitIds.includes(unitId)) {
      throw implementationErrors.raise('UNIT_NOT_IN_SCOPE', `unit ${unitId} is not in the approved ISMS scope (version ${scope.version})`);
    }
  }

  private async locked(manager: EntityManager, id: string, organisationId: string): Promise<ControlImplementationEntity> {
    const entity = await manager
      .getRepository(ControlImplementationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.organisation_id = :organisationId', { id, organisationId })
      .getOne();
    if (!entity) throw implementationErrors.raise('IMPLEMENTATION_NOT_FOUND', `no control implementation ${id} in your organisation`);
    return entity;
  }
}
