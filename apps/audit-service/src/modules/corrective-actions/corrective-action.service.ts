import { isUUID } from 'class-validator';
import { EntityManager, In } from 'typeorm';
import { Claims, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { CorrectiveActionChanged, FindingChanged, NotificationRequested } from '@iso27001/contracts';
import { PersonReplicaService } from '@iso27001/org-replica';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { assertEngagementInScope, engagementScope } from '../engagements/engagement.scope';
import { FindingEntity } from '../findings/finding.entity';
import { toFindingChangedData } from '../findings/finding.mapper';
import { CorrectiveActionEntity } from './corrective-action.entity';
import { correctiveActionErrors } from './corrective-action.errors';
import { CheckCorrectiveActionInput, CloseFindingInput, CorrectiveActionsArgs, ImplementCorrectiveActionInput, PlanCorrectiveActionInput } from './corrective-action.input';
import { toCorrectiveActionEventData, todayUtc } from './corrective-action.mapper';
import { addDays, DEFAULT_DUE_DAYS, independenceRefusal, needsCorrectiveAction, stepRefusal } from './corrective-action.rules';

/**
 * Corrective actions of nonconformities (clause 10.2) and the closure of findings (flow 5). The owner (or a programme
 * manager) plans and implements an action; an auditor who took no part in it checks its effectiveness and closes the
 * finding, which restores the control's status in controls-service. Each step is one transaction with its events.
 */
export class CorrectiveActionService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  /**
   * Opens the corrective action of a nonconformity just raised, in the raising transaction: owned by `ownerPersonId`
   * (an active person) when given, due on `dueOn` or the default for the severity.
   */
  async openFor(manager: EntityManager, finding: FindingEntity, options: { ownerPersonId?: string | null; dueOn?: string | null }, context: EventContext): Promise<CorrectiveActionEntity | null> {
    if (!needsCorrectiveAction(finding.severity)) return null;
    const owner = options.ownerPersonId ? await this.activePerson(manager, context.organisationId, options.ownerPersonId) : null;
    const dueOn = options.dueOn ? this.futureDate(options.dueOn) : addDays(new Date(), DEFAULT_DUE_DAYS[finding.severity as keyof typeof DEFAULT_DUE_DAYS]);
    const repository = manager.getRepository(CorrectiveActionEntity);
    const action = await repository.save(
      repository.create({ organisationId: context.organisationId, findingId: finding.id, ownerPersonId: owner?.personId ?? null, dueOn, status: 'OPEN', evidenceIds: [] }),
    );
    await this.record(manager, action, finding, context);
    if (owner) await this.notifyOwner(manager, action, finding, 'CORRECTIVE_ACTION_ASSIGNED', `assigned:${owner.personId}`, context);
    return action;
  }

  byFindings(organisationId: string, findingIds: readonly string[]): Promise<CorrectiveActionEntity[]> {
    const valid = findingIds.filter((id) => isUUID(id));
    if (valid.length === 0) return Promise.resolve([]);
    return this.deps.dataSource.getRepository(CorrectiveActionEntity).findBy({ organisationId, findingId: In(valid) });
  }

  /**
   * Corrective actions by due date: an external auditor only those of findings of their engagement; the caller's own
   * when `mine` (the actions they own).
   */
  async list(claims: Claims, args: CorrectiveActionsArgs, mine: boolean): Promise<CorrectiveActionEntity[]> {
    const query = this.deps.dataSource
      .getRepository(CorrectiveActionEntity)
      .createQueryBuilder('c')
      .innerJoin(FindingEntity, 'f', 'f.id = c.finding_id')
      .where('c.organisation_id = :organisationId', { organisationId: claims.organisationId });
    const scope = engagementScope(claims);
    if (scope.kind === 'engagement') query.andWhere('f.engagement_id = :engagementId', { engagementId: scope.engagementId });
    if (mine) {
      const person = await this.people.byEmail(this.deps.dataSource.manager, claims.organisationId, claims.email);
      if (!person) return [];
      query.andWhere('c.owner_person_id = :personId', { personId: person.personId });
    }
    if (args.status) query.andWhere('c.status = :status', { status: args.status });
    if (args.overdue != null) query.andWhere(`${args.overdue ? '' : 'NOT '}(c.status <> 'EFFECTIVE' AND c.due_on < :today::date)`, { today: todayUtc() });
    return query.orderBy('c.due_on', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  /** The plan: by the owner or a programme manager; only a programme manager names another owner or moves the due date. */
  plan(input: PlanCorrectiveActionInput, claims: Claims, context: EventContext): Promise<CorrectiveActionEntity> {
    return this.step(input.correctiveActionId, claims, context, 'plan', async (manager, action, finding) => {
      const managing = hasAnyRole(claims, PROGRAMME_MANAGERS);
      if ((input.ownerPersonId != null && input.ownerPersonId !== action.ownerPersonId) || (input.dueOn != null && input.dueOn !== action.dueOn)) {
        if (!managing) throw correctiveActionErrors.raise('NOT_ACTION_OWNER', 'only an ISMS manager can change the owner or the due date of a corrective action');
      }
      const previousOwner = action.ownerPersonId;
      if (input.ownerPersonId != null) action.ownerPersonId = (await this.activePerson(manager, context.organisationId, input.ownerPersonId)).personId;
      if (input.dueOn != null && input.dueOn !== action.dueOn) action.dueOn = this.futureDate(input.dueOn);
      if (!action.ownerPersonId) throw correctiveActionErrors.raise('OWNER_NOT_FOUND', 'name the owner of the corrective action (ownerPersonId) before planning it');
      action.correction = input.correction.trim();
      action.rootCause = input.rootCause.trim();
      action.actionPlan = input.actionPlan.trim();
      action.plannedBy = claims.sub;
      action.plannedAt = new Date();
      action.status = 'PLANNED';
      if (action.ownerPersonId !== previousOwner) {
        return async (saved) => this.notifyOwner(manager, saved, finding, 'CORRECTIVE_ACTION_ASSIGNED', `assigned:${saved.ownerPersonId}`, context);
      }
      return null;
    });
  }

  /** Done: by the owner or a programme manager, with the evidence that shows it. */
  implement(input: ImplementCorrectiveActionInput, claims: Claims, context: EventContext): Promise<CorrectiveActionEntity> {
    return this.step(input.correctiveActionId, claims, context, 'implement', async (_manager, action) => {
      const evidenceIds = [...new Set(input.evidenceIds.map((id) => id.toLowerCase()))];
      if (evidenceIds.length === 0) throw correctiveActionErrors.raise('EVIDENCE_REQUIRED', 'name at least one evidence item that shows the action was done');
      action.completionNote = input.completionNote.trim();
      action.evidenceIds = evidenceIds;
      action.implementedBy = claims.sub;
      action.implementedAt = new Date();
      action.status = 'IMPLEMENTED';
      return null;
    });
  }

  /** The effectiveness check: by an auditor who neither owns, planned nor implemented the action. */
  check(input: CheckCorrectiveActionInput, claims: Claims, context: EventContext): Promise<CorrectiveActionEntity> {
    return this.step(input.correctiveActionId, claims, context, 'check', async (manager, action, finding) => {
      const me = await this.people.byEmail(manager, context.organisationId, claims.email);
      const refusal = independenceRefusal(action, { sub: claims.sub, personId: me?.personId ?? null });
      if (refusal) throw correctiveActionErrors.raise('NOT_INDEPENDENT', refusal);
      action.effectivenessNote = input.note.trim();
      action.effectivenessCheckedBy = claims.sub;
      action.effectivenessCheckedAt = new Date();
      action.status = input.effective ? 'EFFECTIVE' : 'NOT_EFFECTIVE';
      if (!input.effective) {
        const key = `not-effective:${action.effectivenessCheckedAt.toISOString()}`;
        return async (saved) => this.notifyOwner(manager, saved, finding, 'CORRECTIVE_ACTION_NOT_EFFECTIVE', key, context);
      }
      return null;
    });
  }

  /**
   * Closes a finding: by an auditor who took no part in its corrective action. A nonconformity closes only once its
   * corrective action was found effective; an observation or opportunity closes with the comment alone.
   */
  async closeFinding(input: CloseFindingInput, claims: Claims, context: EventContext): Promise<FindingEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const finding = await manager
        .getRepository(FindingEntity)
        .createQueryBuilder('f')
        .setLock('pessimistic_write')
        .where('f.id = :id AND f.organisation_id = :organisationId', { id: input.findingId, organisationId: context.organisationId })
        .getOne();
      if (!finding) throw correctiveActionErrors.raise('FINDING_NOT_FOUND', `finding ${input.findingId} does not exist`);
      assertEngagementInScope(claims, finding.engagementId);
      if (finding.status === 'CLOSED') throw correctiveActionErrors.raise('FINDING_ALREADY_CLOSED', `the finding was closed on ${finding.closedAt?.toISOString().slice(0, 10)}`);
      if (needsCorrectiveAction(finding.severity)) {
        const action = await manager.getRepository(CorrectiveActionEntity).findOneBy({ organisationId: context.organisationId, findingId: finding.id });
        if (!action || action.status !== 'EFFECTIVE') {
          throw correctiveActionErrors.raise(
            'CORRECTIVE_ACTION_NOT_EFFECTIVE',
            `a nonconformity closes only once its corrective action was found effective (it is ${action ? action.status.toLowerCase().replace('_', ' ') : 'missing'})`,
          );
        }
        const me = await this.people.byEmail(manager, context.organisationId, claims.email);
        const refusal = independenceRefusal(action, { sub: claims.sub, personId: me?.personId ?? null });
        if (refusal) throw correctiveActionErrors.raise('NOT_INDEPENDENT', refusal.replace('judge it', 'close the finding'));
      }
      finding.status = 'CLOSED';
      finding.closedAt = new Date();
      finding.closedBy = claims.sub;
      finding.closureComment = input.comment.trim();
      const saved = await manager.save(finding);
      await this.deps.outbox.record(manager, FindingChanged, saved.id, toFindingChangedData(saved), context);
      return saved;
    });
  }

  /**
   * One step of an action, locked, in a transaction with its event: the finding must be open and visible to the
   * caller; plan and implement are the owner's (or a programme manager's). `change` edits the action and may return
   * work to do after it is saved (a notification).
   */
  private async step(
    id: string,
    claims: Claims,
    context: EventContext,
    step: 'plan' | 'implement' | 'check',
    change: (manager: EntityManager, action: CorrectiveActionEntity, finding: FindingEntity) => Promise<((saved: CorrectiveActionEntity) => Promise<void>) | null>,
  ): Promise<CorrectiveActionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const notFound = () => correctiveActionErrors.raise('CORRECTIVE_ACTION_NOT_FOUND', `corrective action ${id} does not exist`);
      const action = await manager
        .getRepository(CorrectiveActionEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id AND c.organisation_id = :organisationId', { id, organisationId: context.organisationId })
        .getOne();
      if (!action) throw notFound();
      const finding = await manager.getRepository(FindingEntity).findOneByOrFail({ id: action.findingId, organisationId: context.organisationId });
      assertEngagementInScope(claims, finding.engagementId);
      if (finding.status === 'CLOSED') throw correctiveActionErrors.raise('FINDING_ALREADY_CLOSED', 'the finding is closed: its corrective action is final');
      const refusal = stepRefusal(step, action.status);
      if (refusal) throw correctiveActionErrors.raise('CORRECTIVE_ACTION_STEP_INVALID', refusal);
      if (step !== 'check' && !hasAnyRole(claims, PROGRAMME_MANAGERS)) {
        const me = await this.people.byEmail(manager, context.organisationId, claims.email);
        if (!me || me.personId !== action.ownerPersonId) {
          throw correctiveActionErrors.raise('NOT_ACTION_OWNER', 'only the owner of the corrective action (or an ISMS manager) can plan or implement it');
        }
      }
      const after = await change(manager, action, finding);
      const saved = await manager.save(action);
      await this.record(manager, saved, finding, context);
      if (after) await after(saved);
      return saved;
    });
  }

  private async record(manager: EntityManager, action: CorrectiveActionEntity, finding: FindingEntity, context: EventContext): Promise<void> {
    await this.deps.outbox.record(manager, CorrectiveActionChanged, action.id, toCorrectiveActionEventData(action, finding.controlId), context);
  }

  private async notifyOwner(manager: EntityManager, action: CorrectiveActionEntity, finding: FindingEntity, kind: string, key: string, context: EventContext): Promise<void> {
    if (!action.ownerPersonId) return;
    const against = finding.controlId ?? (finding.clause ? `clause ${finding.clause}` : 'the management system');
    const notAssigned = kind === 'CORRECTIVE_ACTION_ASSIGNED';
    await this.deps.outbox.record(
      manager,
      NotificationRequested,
      action.id,
      {
        recipientPersonId: action.ownerPersonId,
        kind,
        subject: notAssigned ? `Corrective action due ${action.dueOn}: ${against}` : `Corrective action not effective: ${against}`,
        body: notAssigned
          ? `You own the corrective action of a ${finding.severity.toLowerCase().replace('_', ' ')} against ${against}: "${finding.description.slice(0, 500)}". Record the correction, root cause and action, then the evidence that it was done, by ${action.dueOn}.`
          : `An auditor found the corrective action against ${against} not effective: "${(action.effectivenessNote ?? '').slice(0, 1000)}". Plan it again.`,
        dueDate: action.dueOn,
        link: `/audit/corrective-actions/${action.id}`,
        dedupeKey: `corrective-action:${action.id}:${key}`,
      },
      context,
    );
  }

  private async activePerson(manager: EntityManager, organisationId: string, personId: string) {
    const person = await this.people.byId(manager, organisationId, personId);
    if (!person || !person.active) {
      throw correctiveActionErrors.raise('OWNER_NOT_FOUND', `person ${personId} is not an active person of the organisation (people reach audit from isms-service: try again shortly)`);
    }
    return person;
  }

  private futureDate(day: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw correctiveActionErrors.raise('DUE_DATE_INVALID', `the due date ${day} is not a calendar date (YYYY-MM-DD)`);
    }
    if (day < todayUtc()) throw correctiveActionErrors.raise('DUE_DATE_INVALID', `the due date ${day} is in the past`);
    return day;
  }
}
