import { EntityManager, In } from 'typeorm';
import { Access, Claims } from '@iso27001/authz';
import { EvidenceRequestChanged, NotificationRequested } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceRequirementEntity } from '../requirements/evidence-requirement.entity';
import { activeRequirementsOf, ensureRequirementsSeeded } from '../requirements/evidence-requirement.store';
import { EvidenceRequestAction, EvidenceRequestEntity, EvidenceRequestHistoryEntity, EvidenceRequestStatus } from './evidence-request.entity';
import { evidenceRequestErrors } from './evidence-request.errors';
import { CommentOnEvidenceRequestInput, DecideEvidenceRequestInput, EvidenceRequestFilterInput, OpenEvidenceRequestInput, SubmitEvidenceRequestInput } from './evidence-request.input';
import { toEvidenceRequestEventData } from './evidence-request.mapper';
import {
  allowedFrom,
  AWAITING_ASSIGNEE,
  dayOf,
  dueDateOf,
  LIVE_STATUSES,
  nextPeriod,
  periodOf,
  RequestPeriod,
  RequestTransition,
  reminderDue,
  reminderKey,
  REMINDER_DAYS,
  transition,
} from './evidence-request.rules';
import { assertMayChange, mayRead, maySubmit, withinReach } from './evidence-request.scope';

export interface Caller {
  claims: Claims;
  access: Access;
}

export interface EvidenceRequestPage {
  nodes: EvidenceRequestEntity[];
  totalCount: number;
}

/** Who the platform records as the actor of what it does on its own (from an event or a scheduled job). */
export const SYSTEM_ACTOR = 'system:evidence-requests';

/** A department's implementation of a control, as far as opening requests goes. */
export interface ImplementationRef {
  organisationId: string;
  id: string | null;
  controlId: string;
  unitId: string;
  /** Who is asked: the implementation's owner, else the control's owner in the SoA. */
  assigneeId: string | null;
}

const NO_PERSON = '00000000-0000-0000-0000-000000000000';

export class EvidenceRequestService {
  constructor(private readonly deps: ServiceDeps) {}

  // ---- reads ----------------------------------------------------------------------------------------------------

  /** Requests within the caller's reach matching the filter, soonest due first, with the total over all pages. */
  async page(caller: Caller, filter: EvidenceRequestFilterInput | null | undefined, page: { first: number; offset: number }): Promise<EvidenceRequestPage> {
    const query = this.deps.dataSource
      .getRepository(EvidenceRequestEntity)
      .createQueryBuilder('r')
      .where('r.organisation_id = :organisationId', { organisationId: caller.claims.organisationId });
    withinReach(query, 'r', caller.access);
    if (filter?.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter?.unitId) query.andWhere('r.unit_id = :unitId', { unitId: filter.unitId.toLowerCase() });
    if (filter?.controlId) query.andWhere('r.control_id = :controlId', { controlId: filter.controlId });
    if (filter?.dueBefore) query.andWhere('r.due_date < :dueBefore::date', { dueBefore: filter.dueBefore });
    if (filter?.assignee === 'ME') query.andWhere('r.assignee_id = :me', { me: caller.access.personId ?? NO_PERSON });
    const [nodes, totalCount] = await query.orderBy('r.due_date', 'ASC').addOrderBy('r.id', 'ASC').skip(page.offset).take(page.first).getManyAndCount();
    return { nodes, totalCount };
  }

  async one(caller: Caller, id: string): Promise<EvidenceRequestEntity | null> {
    const request = await this.deps.dataSource.getRepository(EvidenceRequestEntity).findOne({ where: { organisationId: caller.claims.organisationId, id } });
    return request && mayRead(caller.access, request) ? request : null;
  }

  historyOf(organisationId: string, ids: readonly string[]): Promise<EvidenceRequestHistoryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.deps.dataSource
      .getRepository(EvidenceRequestHistoryEntity)
      .find({ where: { organisationId, requestId: In([...ids]) }, order: { id: 'ASC' } });
  }

  // ---- what the platform does on its own (flow 2) -----------------------------------------------------------------

  /**
   * Opens one request per active requirement of the control for the department, for the current period, unless a
   * live request for that requirement, unit and period exists already. Returns the requests opened.
   */
  async openForImplementation(manager: EntityManager, implementation: ImplementationRef, context: EventContext, today = dayOf(new Date())): Promise<EvidenceRequestEntity[]> {
    const requirements = await activeRequirementsOf(manager, implementation.organisationId, implementation.controlId);
    const opened: EvidenceRequestEntity[] = [];
    for (const requirement of requirements) {
      const period = periodOf(requirement.frequency, today);
      const request = await this.insert(manager, requirement, implementation, period, dueDateOf(period, today), context);
      if (request) opened.push(request);
    }
    return opened;
  }

  /** Opens a requirement's requests in every department where its control is implemented (a requirement added). */
  async openForRequirement(manager: EntityManager, requirement: EvidenceRequirementEntity, context: EventContext, today = dayOf(new Date())): Promise<number> {
    const implementations = await this.implementationsOfApplicable(manager, requirement.organisationId, requirement.controlId);
    let opened = 0;
    const period = periodOf(requirement.frequency, today);
    for (const implementation of implementations) {
      if (await this.insert(manager, requirement, implementation, period, dueDateOf(period, today), context)) opened += 1;
    }
    return opened;
  }

  /** The live implementations of a control, if the control is applicable, with who their requests go to. */
  async implementationsOfApplicable(manager: EntityManager, organisationId: string, controlId: string): Promise<ImplementationRef[]> {
    const rows: { id: string; unit_id: string; assignee_id: string | null }[] = await manager.query(
      `SELECT i.id, i.unit_id, coalesce(i.owner_id, s.owner_id) AS assignee_id
         FROM control_implementation_replica i
         JOIN soa_applicability_replica s ON s.organisation_id = i.organisation_id AND s.control_id = i.control_id AND s.applicable
        WHERE i.organisation_id = $1 AND i.control_id = $2 AND NOT i.removed
        ORDER BY i.unit_id`,
      [organisationId, controlId],
    );
    return rows.map((row) => ({ organisationId, id: row.id, controlId, unitId: row.unit_id, assigneeId: row.assignee_id }));
  }

  private async insert(
    manager: EntityManager,
    requirement: EvidenceRequirementEntity,
    implementation: ImplementationRef,
    period: RequestPeriod,
    dueDate: string,
    context: EventContext,
  ): Promise<EvidenceRequestEntity | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO evidence_request (organisation_id, requirement_id, control_id, unit_id, implementation_id, assignee_id, status, period_key, period_start, period_end, due_date)
       VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $8, $9, $10)
       ON CONFLICT (organisation_id, requirement_id, unit_id, period_key) WHERE status <> 'CANCELLED' DO NOTHING
       RETURNING id`,
      [implementation.organisationId, requirement.id, requirement.controlId, implementation.unitId.toLowerCase(), implementation.id, implementation.assigneeId, period.key, period.start, period.end, dueDate],
    );
    const id = rows[0]?.id;
    if (!id) return null;
    const request = await manager.getRepository(EvidenceRequestEntity).findOneByOrFail({ id });
    await this.history(manager, request, 'OPENED', null, 'OPEN', context.actor, `${requirement.title} (${period.key})`);
    await this.deps.outbox.record(manager, EvidenceRequestChanged, request.id, toEvidenceRequestEventData(request), context);
    return request;
  }

  /** Gives the live requests matching `where` to a new assignee (an implementation's owner changed). */
  async reassign(
    manager: EntityManager,
    where: { organisationId: string; controlId: string; unitId?: string; onlyUnowned?: boolean },
    assigneeId: string | null,
    context: EventContext,
  ): Promise<number> {
    const query = manager
      .getRepository(EvidenceRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.organisation_id = :organisationId AND r.control_id = :controlId AND r.status IN (:...live)', { ...where, live: [...LIVE_STATUSES] })
      .andWhere('r.assignee_id IS DISTINCT FROM :assigneeId::uuid', { assigneeId });
    if (where.unitId) query.andWhere('r.unit_id = :unitId', { unitId: where.unitId.toLowerCase() });
    if (where.onlyUnowned) {
      // The SoA owner stands in only where the department's implementation names nobody.
      query.andWhere(`NOT EXISTS (SELECT 1 FROM control_implementation_replica i WHERE i.id = r.implementation_id AND i.owner_id IS NOT NULL AND NOT i.removed)`);
    }
    const requests = await query.getMany();
    for (const request of requests) {
      const previous = request.assigneeId;
      request.assigneeId = assigneeId;
      request.updatedAt = new Date();
      await manager.getRepository(EvidenceRequestEntity).save(request);
      await this.history(manager, request, 'REASSIGNED', request.status, request.status, context.actor, `from ${previous ?? 'nobody'} to ${assigneeId ?? 'nobody'}`);
      await this.deps.outbox.record(manager, EvidenceRequestChanged, request.id, toEvidenceRequestEventData(request), context);
    }
    return requests.length;
  }

  /** Cancels the live requests matching `where` (implementation removed, control not applicable, requirement retired). */
  async cancel(
    manager: EntityManager,
    where: { organisationId: string; controlId?: string; unitId?: string; requirementId?: string },
    reason: string,
    context: EventContext,
  ): Promise<number> {
    const query = manager
      .getRepository(EvidenceRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.organisation_id = :organisationId AND r.status IN (:...live)', { organisationId: where.organisationId, live: [...LIVE_STATUSES] });
    if (where.controlId) query.andWhere('r.control_id = :controlId', { controlId: where.controlId });
    if (where.unitId) query.andWhere('r.unit_id = :unitId', { unitId: where.unitId.toLowerCase() });
    if (where.requirementId) query.andWhere('r.requirement_id = :requirementId', { requirementId: where.requirementId });
    const requests = await query.getMany();
    for (const request of requests) await this.move(manager, request, 'CANCEL', 'CANCELLED', context.actor, reason, context);
    return requests.length;
  }

  // ---- what people do -------------------------------------------------------------------------------------------

  /** The ISMS manager asks a department for a requirement's evidence by a date of their choosing. */
  async open(input: OpenEvidenceRequestInput, caller: Caller, context: EventContext, today = dayOf(new Date())): Promise<EvidenceRequestEntity> {
    if (input.dueDate < today) {
      throw evidenceRequestErrors.raise('DUE_DATE_IN_PAST', `dueDate ${input.dueDate} is in the past (today is ${today})`, { field: 'dueDate' });
    }
    return this.deps.dataSource.transaction(async (manager) => {
      await ensureRequirementsSeeded(manager, context.organisationId);
      const requirement = await manager.getRepository(EvidenceRequirementEntity).findOne({ where: { organisationId: context.organisationId, id: input.requirementId } });
      if (!requirement) throw evidenceRequestErrors.raise('UNKNOWN_REQUIREMENT', `no evidence requirement ${input.requirementId} in this organisation`, { field: 'requirementId' });
      if (requirement.retiredAt) throw evidenceRequestErrors.raise('REQUIREMENT_RETIRED', `evidence requirement "${requirement.title}" is retired and opens no requests`);
      const implementation: { id: string; owner_id: string | null }[] = await manager.query(
        `SELECT id, owner_id FROM control_implementation_replica WHERE organisation_id = $1 AND control_id = $2 AND unit_id = $3 AND NOT removed`,
        [context.organisationId, requirement.controlId, input.unitId.toLowerCase()],
      );
      const assigneeId = input.assigneeId?.toLowerCase() ?? implementation[0]?.owner_id ?? null;
      if (!assigneeId) {
        throw evidenceRequestErrors.raise('ASSIGNEE_REQUIRED', `${requirement.controlId} has no owner in unit ${input.unitId}: name the person to ask (assigneeId)`, { field: 'assigneeId' });
      }
      const period = periodOf(requirement.frequency, today);
      const request = await this.insert(
        manager,
        requirement,
        { organisationId: context.organisationId, id: implementation[0]?.id ?? null, controlId: requirement.controlId, unitId: input.unitId, assigneeId },
        period,
        input.dueDate,
        context,
      );
      if (!request) {
        throw evidenceRequestErrors.raise('REQUEST_EXISTS', `unit ${input.unitId} already has a request for "${requirement.title}" for ${period.key}`);
      }
      return request;
    });
  }

  /** The assignee (or a control owner of the unit) hands in evidence items of the request's department. */
  async submit(input: SubmitEvidenceRequestInput, caller: Caller, context: EventContext): Promise<EvidenceRequestEntity> {
    const evidenceIds = [...new Set(input.evidenceIds.map((id) => id.toLowerCase()))];
    if (evidenceIds.length === 0) throw evidenceRequestErrors.raise('EVIDENCE_REQUIRED', 'submit at least one evidence item (evidenceIds)', { field: 'evidenceIds' });
    return this.deps.dataSource.transaction(async (manager) => {
      const request = await this.locked(manager, caller, input.requestId);
      if (!maySubmit(caller.access, request)) {
        throw evidenceRequestErrors.raise('NOT_ASSIGNEE', `evidence request ${request.id} is assigned to someone else: only the assignee or a control owner of the department submits it`);
      }
      const found: { id: string; unit_id: string | null }[] = await manager.query(`SELECT id, unit_id FROM evidence_item WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [
        request.organisationId,
        evidenceIds,
      ]);
      const unknown = evidenceIds.filter((id) => !found.some((row) => row.id === id));
      if (unknown.length > 0) throw evidenceRequestErrors.raise('UNKNOWN_EVIDENCE', `no evidence item ${unknown.join(', ')} in this organisation`, { field: 'evidenceIds', ids: unknown });
      const foreign = found.filter((row) => row.unit_id?.toLowerCase() !== request.unitId.toLowerCase()).map((row) => row.id);
      if (foreign.length > 0) {
        throw evidenceRequestErrors.raise('EVIDENCE_OF_OTHER_UNIT', `evidence ${foreign.join(', ')} belongs to another department than the request's (unit ${request.unitId})`, { field: 'evidenceIds', ids: foreign });
      }
      request.evidenceIds = evidenceIds;
      request.submittedBy = caller.claims.sub;
      request.submittedAt = new Date();
      return this.move(manager, request, 'SUBMIT', 'SUBMITTED', caller.claims.sub, input.comment?.trim() || null, context);
    });
  }

  /** The ISMS manager accepts submitted evidence; never the person who submitted it or whose request it is. */
  accept(input: DecideEvidenceRequestInput, caller: Caller, context: EventContext): Promise<EvidenceRequestEntity> {
    return this.decide(input, caller, context, 'ACCEPT');
  }

  /** The ISMS manager sends submitted evidence back, saying why. */
  requestChanges(input: DecideEvidenceRequestInput, caller: Caller, context: EventContext): Promise<EvidenceRequestEntity> {
    if (!input.comment?.trim()) throw evidenceRequestErrors.raise('REASON_REQUIRED', 'say what has to change (comment)', { field: 'comment' });
    return this.decide(input, caller, context, 'REQUEST_CHANGES');
  }

  private decide(input: DecideEvidenceRequestInput, caller: Caller, context: EventContext, move: 'ACCEPT' | 'REQUEST_CHANGES'): Promise<EvidenceRequestEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const request = await this.locked(manager, caller, input.requestId);
      const own = request.submittedBy === caller.claims.sub || (caller.access.personId !== null && request.assigneeId?.toLowerCase() === caller.access.personId);
      if (own) throw evidenceRequestErrors.raise('SELF_APPROVAL', `you submitted evidence request ${request.id} or it is assigned to you: another programme manager decides it`);
      request.decidedBy = caller.claims.sub;
      request.decidedAt = new Date();
      return this.move(manager, request, move, move === 'ACCEPT' ? 'ACCEPTED' : 'CHANGES_REQUESTED', caller.claims.sub, input.comment?.trim() || null, context);
    });
  }

  /** A comment on a request (history only: no other service follows comments). */
  async comment(input: CommentOnEvidenceRequestInput, caller: Caller): Promise<EvidenceRequestEntity> {
    const text = input.text.trim();
    if (!text) throw evidenceRequestErrors.raise('COMMENT_REQUIRED', 'a comment needs text', { field: 'text' });
    return this.deps.dataSource.transaction(async (manager) => {
      const request = await this.locked(manager, caller, input.requestId);
      await this.history(manager, request, 'COMMENTED', null, null, caller.claims.sub, text);
      return request;
    });
  }

  /** The request for a change by a caller: not found when they may not read it, refused when they may not change it. */
  private async locked(manager: EntityManager, caller: Caller, id: string): Promise<EvidenceRequestEntity> {
    const request = await manager
      .getRepository(EvidenceRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.organisation_id = :organisationId AND r.id = :id', { organisationId: caller.claims.organisationId, id })
      .getOne();
    if (!request) throw evidenceRequestErrors.raise('REQUEST_NOT_FOUND', `no evidence request ${id}`);
    assertMayChange(caller.access, request);
    return request;
  }

  private async move(
    manager: EntityManager,
    request: EvidenceRequestEntity,
    move: RequestTransition,
    action: EvidenceRequestAction,
    actor: string,
    comment: string | null,
    context: EventContext,
  ): Promise<EvidenceRequestEntity> {
    const from = request.status;
    const to = transition(from, move);
    if (!to) {
      throw evidenceRequestErrors.raise('INVALID_TRANSITION', `evidence request ${request.id} is ${from}: it can be ${action.toLowerCase().replace('_', ' ')} only when ${allowedFrom(move).join(' or ')}`, {
        status: from,
      });
    }
    request.status = to;
    request.updatedAt = new Date();
    const saved = await manager.getRepository(EvidenceRequestEntity).save(request);
    await this.history(manager, saved, action, from, to, actor, comment);
    await this.deps.outbox.record(manager, EvidenceRequestChanged, saved.id, toEvidenceRequestEventData(saved), context);
    return saved;
  }

  private async history(
    manager: EntityManager,
    request: EvidenceRequestEntity,
    action: EvidenceRequestAction,
    fromStatus: EvidenceRequestStatus | null,
    toStatus: EvidenceRequestStatus | null,
    actor: string,
    comment: string | null,
  ): Promise<void> {
    await manager.getRepository(EvidenceRequestHistoryEntity).insert({ organisationId: request.organisationId, requestId: request.id, action, fromStatus, toStatus, actor, at: new Date(), comment });
  }

  // ---- scheduled work -------------------------------------------------------------------------------------------

  /**
   * Reminds each assignee whose request waits for them: a week and a day before the due date, and once overdue, as
   * `notification.requested` events. Each reminder is sent once (a row per dedupe key, written with its event).
   */
  async sendReminders(today: string, correlationId: string): Promise<number> {
    const candidates: { id: string; organisation_id: string }[] = await this.deps.dataSource.query(
      `SELECT id, organisation_id FROM evidence_request
        WHERE status = ANY($1::text[]) AND assignee_id IS NOT NULL AND due_date <= $2::date + $3::int
        ORDER BY due_date, id`,
      [[...AWAITING_ASSIGNEE], today, REMINDER_DAYS.first],
    );
    let sent = 0;
    for (const candidate of candidates) {
      const wasSent = await this.deps.dataSource.transaction(async (manager) => {
        const request = await manager.getRepository(EvidenceRequestEntity).findOne({ where: { id: candidate.id }, lock: { mode: 'pessimistic_write' } });
        if (!request || !request.assigneeId || !AWAITING_ASSIGNEE.includes(request.status)) return false;
        const kind = reminderDue(request.dueDate, today);
        if (!kind) return false;
        const dedupeKey = reminderKey(request.id, request.assigneeId, request.dueDate, kind);
        const claimed: unknown[] = await manager.query(
          `INSERT INTO evidence_request_reminder (organisation_id, dedupe_key, request_id, kind, recipient_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (organisation_id, dedupe_key) DO NOTHING RETURNING dedupe_key`,
          [request.organisationId, dedupeKey, request.id, kind, request.assigneeId],
        );
        if (claimed.length === 0) return false;
        const requirement = await manager.getRepository(EvidenceRequirementEntity).findOneBy({ id: request.requirementId });
        const what = `${request.controlId} ${requirement?.title ?? 'evidence'} (${request.periodKey})`;
        const subject = kind === 'OVERDUE' ? `Evidence overdue: ${what}` : `Evidence due ${kind === 'DUE_IN_1_DAY' ? 'tomorrow' : 'in a week'}: ${what}`;
        const body =
          kind === 'OVERDUE'
            ? `The evidence requested for ${what} was due on ${request.dueDate} and has not been handed in. Please submit it as soon as you can.`
            : `Please submit the evidence requested for ${what} by ${request.dueDate}.`;
        await this.deps.outbox.record(
          manager,
          NotificationRequested,
          request.id,
          {
            recipientPersonId: request.assigneeId,
            kind: kind === 'OVERDUE' ? 'EVIDENCE_REQUEST_OVERDUE' : 'EVIDENCE_REQUEST_DUE_SOON',
            subject: subject.slice(0, 300),
            body,
            dueDate: request.dueDate,
            link: `/evidence/requests/${request.id}`,
            dedupeKey,
          },
          { organisationId: request.organisationId, actor: SYSTEM_ACTOR, correlationId },
        );
        return true;
      });
      if (wasSent) sent += 1;
    }
    return sent;
  }

  /**
   * Opens the next period's request of each periodic requirement whose period has ended, from the latest request of
   * that requirement and department (accepted, or still outstanding), while the control is applicable and implemented
   * there and the requirement is not retired. The unique index keeps a second run (or replica) from opening it twice.
   */
  async openNextPeriods(today: string, correlationId: string): Promise<number> {
    const latest: { id: string }[] = await this.deps.dataSource.query(
      `SELECT id FROM (
         SELECT DISTINCT ON (r.organisation_id, r.requirement_id, r.unit_id) r.id, r.period_end
           FROM evidence_request r
           JOIN evidence_requirement q ON q.id = r.requirement_id AND q.retired_at IS NULL AND q.frequency <> 'ONCE'
          WHERE r.status <> 'CANCELLED'
          ORDER BY r.organisation_id, r.requirement_id, r.unit_id, r.period_start DESC
       ) latest
       WHERE latest.period_end < $1::date`,
      [today],
    );
    let opened = 0;
    for (const { id } of latest) {
      const done = await this.deps.dataSource.transaction(async (manager) => {
        const previous = await manager.getRepository(EvidenceRequestEntity).findOneBy({ id });
        if (!previous || !previous.periodEnd || previous.periodEnd >= today) return false;
        const requirement = await manager.getRepository(EvidenceRequirementEntity).findOneBy({ id: previous.requirementId });
        if (!requirement || requirement.retiredAt) return false;
        const implementation = (await this.implementationsOfApplicable(manager, previous.organisationId, previous.controlId)).find(
          (candidate) => candidate.unitId.toLowerCase() === previous.unitId.toLowerCase(),
        );
        if (!implementation) return false;
        // The period that contains today (a service down for longer than a period skips to the current one).
        const next = nextPeriod(requirement.frequency, periodOf(requirement.frequency, previous.periodStart));
        if (!next) return false;
        const period = next.end && next.end < today ? periodOf(requirement.frequency, today) : next;
        const context = { organisationId: previous.organisationId, actor: SYSTEM_ACTOR, correlationId, causationId: null };
        return (await this.insert(manager, requirement, implementation, period, dueDateOf(period, today), context)) !== null;
      });
      if (done) opened += 1;
    }
    return opened;
  }
}
