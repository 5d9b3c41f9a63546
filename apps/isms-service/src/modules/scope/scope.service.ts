import { EntityManager, In } from 'typeorm';
import { ScopeApproved } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { PersonEntity } from '../people/person.entity';
import { ScopeEntity } from './scope.entity';
import { scopeErrors } from './scope.errors';
import { UpdateIsmsScopeDraftInput } from './scope.input';

export interface Approver {
  sub: string;
  name: string;
  email: string;
}

const clean = (items: string[]) => [...new Set(items.map((i) => i.trim()).filter((i) => i !== ''))];

export class ScopeService {
  constructor(private readonly deps: ServiceDeps) {}

  current(organisationId: string): Promise<ScopeEntity | null> {
    return this.deps.dataSource.getRepository(ScopeEntity).findOneBy({ organisationId, status: 'APPROVED' });
  }

  list(organisationId: string): Promise<ScopeEntity[]> {
    return this.deps.dataSource.getRepository(ScopeEntity).find({ where: { organisationId }, order: { version: 'DESC' } });
  }

  get(organisationId: string, id: string): Promise<ScopeEntity | null> {
    return this.deps.dataSource.getRepository(ScopeEntity).findOneBy({ organisationId, id });
  }

  /** A new draft version, copied from the approved version (or the latest one); only one draft at a time. */
  async createDraft(context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const repository = manager.getRepository(ScopeEntity);
      const draft = await repository.findOneBy({ organisationId: context.organisationId, status: 'DRAFT' });
      if (draft) throw scopeErrors.raise('DRAFT_EXISTS', `version ${draft.version} is already a draft: edit or approve it before starting another`);
      const base =
        (await repository.findOneBy({ organisationId: context.organisationId, status: 'APPROVED' })) ??
        (await repository.findOne({ where: { organisationId: context.organisationId }, order: { version: 'DESC' } }));
      const latest = await repository.findOne({ where: { organisationId: context.organisationId }, order: { version: 'DESC' } });
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          version: (latest?.version ?? 0) + 1,
          status: 'DRAFT',
          statement: base?.statement ?? '',
          inScopeUnitIds: base?.inScopeUnitIds ?? [],
          locations: base?.locations ?? [],
          systems: base?.systems ?? [],
          interfaces: base?.interfaces ?? [],
          exclusions: base?.exclusions ?? [],
          basedOnId: base?.id ?? null,
          createdBy: context.actor,
        }),
      );
    });
  }

  async updateDraft(input: UpdateIsmsScopeDraftInput, context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const scope = await this.draft(manager, context.organisationId, input.id);
      if (input.statement !== undefined && input.statement !== null) scope.statement = input.statement.trim();
      if (input.inScopeUnitIds) {
        const ids = [...new Set(input.inScopeUnitIds)];
        await this.assertUnits(manager, context.organisationId, ids);
        scope.inScopeUnitIds = ids;
      }
      if (input.locations) scope.locations = clean(input.locations);
      if (input.systems) scope.systems = clean(input.systems);
      if (input.interfaces) scope.interfaces = clean(input.interfaces);
      if (input.exclusions) {
        const exclusions = input.exclusions.map((e) => ({ item: e.item.trim(), justification: e.justification.trim() }));
        const unjustified = exclusions.find((e) => e.justification === '' || e.item === '');
        if (unjustified) throw scopeErrors.raise('SCOPE_INCOMPLETE', `exclusion "${unjustified.item || '(unnamed)'}" needs both an item and a justification`);
        scope.exclusions = exclusions;
      }
      return manager.save(scope);
    });
  }

  /** Top management approves a draft: it becomes the approved version and the previous one is superseded. */
  async approve(id: string, approver: Approver, context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const scope = await this.draft(manager, context.organisationId, id);
      const missing = [
        ...(scope.statement.trim() === '' ? ['a scope statement'] : []),
        ...(scope.inScopeUnitIds.length === 0 ? ['at least one in-scope unit'] : []),
      ];
      if (missing.length > 0) throw scopeErrors.raise('SCOPE_INCOMPLETE', `version ${scope.version} cannot be approved without ${missing.join(' and ')}`);
      await this.assertUnits(manager, context.organisationId, scope.inScopeUnitIds);
      const repository = manager.getRepository(ScopeEntity);
      const previous = await repository.findOneBy({ organisationId: context.organisationId, status: 'APPROVED' });
      const now = new Date();
      if (previous) {
        previous.status = 'SUPERSEDED';
        previous.supersededAt = now;
        await repository.save(previous);
      }
      const person = await manager.findOneBy(PersonEntity, { organisationId: context.organisationId, email: approver.email.toLowerCase() });
      Object.assign(scope, {
        status: 'APPROVED',
        approvedAt: now,
        approvedBySub: approver.sub,
        approvedByName: approver.name,
        approvedByPersonId: person?.id ?? null,
      });
      const saved = await repository.save(scope);
      await this.deps.outbox.record(
        manager,
        ScopeApproved,
        saved.id,
        {
          id: saved.id,
          version: saved.version,
          inScopeUnitIds: saved.inScopeUnitIds,
          supersededId: previous?.id ?? null,
          approvedAt: now.toISOString(),
          approvedBy: approver.sub,
        },
        context,
      );
      return saved;
    });
  }

  private async lock(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`isms:scope:${organisationId}`]);
  }

  private async draft(manager: EntityManager, organisationId: string, id: string): Promise<ScopeEntity> {
    const scope = await manager.getRepository(ScopeEntity).findOne({ where: { organisationId, id }, lock: { mode: 'pessimistic_write' } });
    if (!scope) throw scopeErrors.raise('SCOPE_NOT_FOUND', `scope version ${id} does not exist`);
    if (scope.status !== 'DRAFT') throw scopeErrors.raise('NOT_A_DRAFT', `scope version ${scope.version} is ${scope.status.toLowerCase()}; only a draft can be changed or approved`);
    return scope;
  }

  private async assertUnits(manager: EntityManager, organisationId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const units = new Map((await manager.findBy(OrgUnitEntity, { organisationId, id: In(ids) })).map((u) => [u.id, u]));
    const missing = ids.filter((id) => !units.has(id));
    if (missing.length > 0) throw scopeErrors.raise('UNIT_NOT_FOUND', `unit(s) ${missing.join(', ')} do not exist`, { missing });
    const inactive = ids.map((id) => units.get(id) as OrgUnitEntity).filter((u) => !u.active);
    if (inactive.length > 0) throw scopeErrors.raise('UNIT_INACTIVE', `unit(s) ${inactive.map((u) => `"${u.name}"`).join(', ')} are deactivated and cannot be in scope`);
  }
}
