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
      const open = await repository.findOneBy({ organisationId: context.organisationId, status: In(['DRAFT', 'SUBMITTED']) });
      if (open) {
        throw scopeErrors.raise(
          'DRAFT_EXISTS',
          open.status === 'DRAFT'
            ? `version ${open.version} is already a draft: edit and submit it before starting another`
            : `version ${open.version} is waiting for approval by top management: it must be approved or returned before another draft starts`,
        );
      }
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
          contributorSubs: [context.actor],
        }),
      );
    });
  }

  /** Changes a draft; whoever edits it joins its contributors, who may not approve it. */
  async updateDraft(input: UpdateIsmsScopeDraftInput, context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const scope = await this.draft(manager, context.organisationId, input.id);
      if (!scope.contributorSubs.includes(context.actor)) scope.contributorSubs = [...scope.contributorSubs, context.actor];
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

  /** The programme manager sends a complete draft to top management; it is locked while it waits. */
  async submit(id: string, submitter: Approver, context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const scope = await this.draft(manager, context.organisationId, id);
      await this.assertComplete(manager, context.organisationId, scope, 'submitted');
      Object.assign(scope, { status: 'SUBMITTED', submittedAt: new Date(), submittedBySub: submitter.sub, submittedByName: submitter.name, returnComment: null });
      return manager.save(scope);
    });
  }

  /** Top management sends a submission back with the reason; the programme manager may also withdraw it. */
  async returnToDraft(id: string, comment: string, context: EventContext): Promise<ScopeEntity> {
    const reason = comment.trim();
    if (reason === '') throw scopeErrors.raise('RETURN_COMMENT_REQUIRED', 'say why the scope goes back to draft, so its author knows what to change', { field: 'comment' });
    return this.deps.dataSource.transaction(async (manager) => {
      const scope = await this.submitted(manager, context.organisationId, id);
      Object.assign(scope, { status: 'DRAFT', returnComment: reason });
      return manager.save(scope);
    });
  }

  /**
   * Top management approves a submitted version: it becomes the approved version and the previous one is superseded.
   * Nobody approves their own work: whoever started, edited or submitted the version cannot approve it (an editor of
   * someone else's draft is one of its authors).
   */
  async approve(id: string, approver: Approver, context: EventContext): Promise<ScopeEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const scope = await this.submitted(manager, context.organisationId, id);
      if (scope.createdBy === approver.sub || scope.submittedBySub === approver.sub) {
        throw scopeErrors.raise('SELF_APPROVAL', `you drafted or submitted scope version ${scope.version}, so someone else in top management must approve it`);
      }
      if (scope.contributorSubs.includes(approver.sub)) {
        throw scopeErrors.raise('SELF_APPROVAL', `you edited scope version ${scope.version}, so someone else in top management must approve it`);
      }
      await this.assertComplete(manager, context.organisationId, scope, 'approved');
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

  /** A scope version, locked for the change about to be made. */
  private async lockVersion(manager: EntityManager, organisationId: string, id: string): Promise<ScopeEntity> {
    const scope = await manager.getRepository(ScopeEntity).findOne({ where: { organisationId, id }, lock: { mode: 'pessimistic_write' } });
    if (!scope) throw scopeErrors.raise('SCOPE_NOT_FOUND', `scope version ${id} does not exist`);
    return scope;
  }

  private async draft(manager: EntityManager, organisationId: string, id: string): Promise<ScopeEntity> {
    const scope = await this.lockVersion(manager, organisationId, id);
    if (scope.status !== 'DRAFT') {
      const state = scope.status === 'SUBMITTED' ? 'waiting for approval' : scope.status.toLowerCase();
      throw scopeErrors.raise('NOT_A_DRAFT', `scope version ${scope.version} is ${state}; only a draft can be changed or submitted`);
    }
    return scope;
  }

  private async submitted(manager: EntityManager, organisationId: string, id: string): Promise<ScopeEntity> {
    const scope = await this.lockVersion(manager, organisationId, id);
    if (scope.status !== 'SUBMITTED') {
      const state = scope.status === 'DRAFT' ? 'still a draft: it must be submitted first' : scope.status.toLowerCase();
      throw scopeErrors.raise('NOT_SUBMITTED', `scope version ${scope.version} is ${state}; only a version waiting for approval can be approved or returned`);
    }
    return scope;
  }

  private async assertComplete(manager: EntityManager, organisationId: string, scope: ScopeEntity, what: 'submitted' | 'approved'): Promise<void> {
    const missing = [
      ...(scope.statement.trim() === '' ? ['a scope statement'] : []),
      ...(scope.inScopeUnitIds.length === 0 ? ['at least one in-scope unit'] : []),
    ];
    if (missing.length > 0) throw scopeErrors.raise('SCOPE_INCOMPLETE', `version ${scope.version} cannot be ${what} without ${missing.join(' and ')}`);
    await this.assertUnits(manager, organisationId, scope.inScopeUnitIds);
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
