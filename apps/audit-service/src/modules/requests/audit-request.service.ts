import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Claims, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { NotificationRequested } from '@iso27001/contracts';
import { PersonReplicaService } from '@iso27001/org-replica';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { todayUtc } from '../corrective-actions/corrective-action.mapper';
import { EngagementEntity } from '../engagements/engagement.entity';
import { assertEngagementInScope, engagementScope } from '../engagements/engagement.scope';
import { AuditRequestEntity } from './audit-request.entity';
import { auditRequestErrors } from './audit-request.errors';
import { AnswerAuditRequestInput, DecideAuditRequestInput, RequestEvidenceInput } from './audit-request.input';

/**
 * The request lists of engagements: an auditor asks an owner for evidence by a due date; the owner (or an ISMS
 * manager) answers with evidence items; an auditor who did not answer accepts it or sends it back with a reason.
 * The owner is told of each request and each return (notification events).
 */
export class AuditRequestService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  async byEngagement(claims: Claims, engagementId: string): Promise<AuditRequestEntity[]> {
    assertEngagementInScope(claims, engagementId);
    return this.deps.dataSource.getRepository(AuditRequestEntity).find({ where: { organisationId: claims.organisationId, engagementId }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  /** The caller's own requests (their person has the caller's e-mail), by due date. */
  async mine(claims: Claims): Promise<AuditRequestEntity[]> {
    const me = await this.people.byEmail(this.deps.dataSource.manager, claims.organisationId, claims.email);
    if (!me) return [];
    return this.deps.dataSource.getRepository(AuditRequestEntity).find({ where: { organisationId: claims.organisationId, ownerPersonId: me.personId }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  async request(input: RequestEvidenceInput, claims: Claims, context: EventContext): Promise<AuditRequestEntity> {
    assertEngagementInScope(claims, input.engagementId);
    return this.deps.dataSource.transaction(async (manager) => {
      const engagement = await manager.getRepository(EngagementEntity).findOneBy({ organisationId: context.organisationId, id: input.engagementId });
      if (!engagement) throw auditRequestErrors.raise('AUDIT_REQUEST_NOT_FOUND', `engagement ${input.engagementId} does not exist`);
      if (engagement.status === 'CLOSED') throw auditRequestErrors.raise('AUDIT_REQUEST_STEP_INVALID', `"${engagement.title}" is closed: no more requests can be made in it`);
      const owner = await this.people.byId(manager, context.organisationId, input.ownerPersonId);
      if (!owner?.active) throw auditRequestErrors.raise('REQUEST_OWNER_NOT_FOUND', `person ${input.ownerPersonId} is not an active person of the organisation`);
      if (input.dueOn < todayUtc()) throw auditRequestErrors.raise('REQUEST_DUE_DATE_INVALID', `the due date ${input.dueOn} is in the past`);
      const repository = manager.getRepository(AuditRequestEntity);
      const saved = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          engagementId: engagement.id,
          title: input.title.trim(),
          detail: input.detail?.trim() || null,
          ownerPersonId: owner.personId,
          dueOn: input.dueOn,
          status: 'OPEN',
          requestedBy: claims.sub,
          evidenceIds: [],
        }),
      );
      await this.notify(manager, saved, engagement, 'AUDIT_REQUEST_OPENED', 'opened', context);
      return saved;
    });
  }

  /** The answer: by the owner or an ISMS manager, with the evidence items; again after a return. */
  async answer(input: AnswerAuditRequestInput, claims: Claims, context: EventContext): Promise<AuditRequestEntity> {
    return this.step(input.requestId, claims, context, async (manager, request) => {
      if (request.status !== 'OPEN' && request.status !== 'RETURNED') {
        throw auditRequestErrors.raise('AUDIT_REQUEST_STEP_INVALID', request.status === 'ACCEPTED' ? 'the answer was accepted: it is final' : 'the answer awaits the auditor: it cannot change now');
      }
      if (!hasAnyRole(claims, PROGRAMME_MANAGERS)) {
        const me = await this.people.byEmail(manager, context.organisationId, claims.email);
        if (me?.personId !== request.ownerPersonId) throw auditRequestErrors.raise('NOT_REQUEST_OWNER', 'only the person asked (or an ISMS manager) can answer this request');
      }
      request.answerNote = input.note.trim();
      request.evidenceIds = [...new Set(input.evidenceIds.map((id) => id.toLowerCase()))];
      request.answeredBy = claims.sub;
      request.answeredAt = new Date();
      request.status = 'ANSWERED';
      return null;
    });
  }

  /** The auditor's decision on an answer: accepted, or sent back with what is missing; never by whoever answered. */
  async decide(input: DecideAuditRequestInput, claims: Claims, context: EventContext): Promise<AuditRequestEntity> {
    return this.step(input.requestId, claims, context, async (manager, request, engagement) => {
      if (request.status !== 'ANSWERED') throw auditRequestErrors.raise('AUDIT_REQUEST_STEP_INVALID', 'only an answered request can be accepted or sent back');
      if (request.answeredBy === claims.sub) throw auditRequestErrors.raise('OWN_ANSWER', 'you answered this request: another auditor must judge the answer');
      const reason = input.reason?.trim() ?? '';
      if (!input.accept && !reason) throw auditRequestErrors.raise('AUDIT_REQUEST_STEP_INVALID', 'say what is missing when sending an answer back (reason)');
      request.status = input.accept ? 'ACCEPTED' : 'RETURNED';
      request.returnReason = input.accept ? null : reason;
      request.decidedBy = claims.sub;
      request.decidedAt = new Date();
      return input.accept ? null : (saved) => this.notify(manager, saved, engagement, 'AUDIT_REQUEST_RETURNED', `returned:${saved.decidedAt!.toISOString()}`, context);
    });
  }

  private async step(
    id: string,
    claims: Claims,
    context: EventContext,
    change: (manager: EntityManager, request: AuditRequestEntity, engagement: EngagementEntity) => Promise<((saved: AuditRequestEntity) => Promise<void>) | null>,
  ): Promise<AuditRequestEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const notFound = () => auditRequestErrors.raise('AUDIT_REQUEST_NOT_FOUND', `audit request ${id} does not exist`);
      if (!isUUID(id)) throw notFound();
      const request = await manager
        .getRepository(AuditRequestEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.organisation_id = :organisationId', { id, organisationId: context.organisationId })
        .getOne();
      if (!request) throw notFound();
      const scope = engagementScope(claims);
      if (scope.kind === 'engagement' && scope.engagementId !== request.engagementId) throw notFound();
      const engagement = await manager.getRepository(EngagementEntity).findOneByOrFail({ id: request.engagementId });
      const after = await change(manager, request, engagement);
      const saved = await manager.save(request);
      if (after) await after(saved);
      return saved;
    });
  }

  private async notify(manager: EntityManager, request: AuditRequestEntity, engagement: EngagementEntity, kind: string, key: string, context: EventContext): Promise<void> {
    const returned = kind === 'AUDIT_REQUEST_RETURNED';
    await this.deps.outbox.record(
      manager,
      NotificationRequested,
      request.id,
      {
        recipientPersonId: request.ownerPersonId,
        kind,
        subject: `${returned ? 'Sent back' : 'Requested'} for "${engagement.title}": ${request.title}`.slice(0, 300),
        body: returned
          ? `The auditor sent your answer back: "${(request.returnReason ?? '').slice(0, 2000)}". Answer again by ${request.dueOn}.`
          : `The auditors of "${engagement.title}" ask you for: ${request.title}${request.detail ? ` (${request.detail.slice(0, 2000)})` : ''}. Answer with the evidence by ${request.dueOn}.`,
        dueDate: request.dueOn,
        link: '/my/audit-requests',
        dedupeKey: `audit-request:${request.id}:${key}`,
      },
      context,
    );
  }
}
