import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, FINDING_JUDGES, FINDING_RAISERS, ScopeRule, STAFF } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { EvidenceItemRefType, PersonRefType } from '../corrective-actions/corrective-action.type';
import { todayUtc } from '../corrective-actions/corrective-action.mapper';
import { EngagementType } from '../engagements/engagement.type';
import { AuditRequestEntity } from './audit-request.entity';
import { AnswerAuditRequestInput, DecideAuditRequestInput, RequestEvidenceInput } from './audit-request.input';
import { AuditRequestService } from './audit-request.service';
import { AuditRequestStatusType, AuditRequestType } from './audit-request.type';

export function toAuditRequestType(entity: AuditRequestEntity): AuditRequestType {
  return Object.assign(new AuditRequestType(), {
    id: entity.id,
    engagementId: entity.engagementId,
    title: entity.title,
    detail: entity.detail,
    ownerPersonId: entity.ownerPersonId,
    dueOn: entity.dueOn,
    overdue: (entity.status === 'OPEN' || entity.status === 'RETURNED') && entity.dueOn < todayUtc(),
    status: entity.status as AuditRequestStatusType,
    answerNote: entity.answerNote,
    evidenceIds: entity.evidenceIds,
    answeredAt: entity.answeredAt,
    decidedAt: entity.decidedAt,
    returnReason: entity.returnReason,
    createdAt: entity.createdAt,
  });
}

@Resolver(() => AuditRequestType)
export class AuditRequestResolver {
  private readonly service: AuditRequestService;

  constructor(deps: ServiceDeps) {
    this.service = new AuditRequestService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the request list of one engagement; an external auditor only of the engagement of their grant')
  @Query(() => [AuditRequestType], { description: "An engagement's request list, by due date." })
  async auditRequests(@Arg('engagementId', () => ID) engagementId: string, @Ctx() context: RequestContext): Promise<AuditRequestType[]> {
    return (await this.service.byEngagement(context.claims, engagementId)).map(toAuditRequestType);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the requests made of the caller (their person has the caller's e-mail)")
  @Query(() => [AuditRequestType], { description: 'What auditors asked the caller for, by due date.' })
  async myAuditRequests(@Ctx() context: RequestContext): Promise<AuditRequestType[]> {
    return (await this.service.mine(context.claims)).map(toAuditRequestType);
  }

  @Authorized(FINDING_RAISERS)
  @Scoped(ScopeRule.Organisation, 'on an open engagement; an external auditor only on their grant')
  @Mutation(() => AuditRequestType, { description: 'Asks an owner for evidence by a due date; they are notified.' })
  async requestEvidence(@Arg('input') input: RequestEvidenceInput, @Ctx() context: RequestContext): Promise<AuditRequestType> {
    return toAuditRequestType(await this.service.request(input, context.claims, eventContext(context)));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, 'the person asked, or an ISMS manager; nothing written otherwise')
  @Mutation(() => AuditRequestType, { description: 'Answers a request with the evidence items (again after it was sent back).' })
  async answerAuditRequest(@Arg('input') input: AnswerAuditRequestInput, @Ctx() context: RequestContext): Promise<AuditRequestType> {
    return toAuditRequestType(await this.service.answer(input, context.claims, eventContext(context)));
  }

  @Authorized(FINDING_JUDGES)
  @Scoped(ScopeRule.Organisation, 'an auditor who did not answer it; an external auditor only on their grant')
  @Mutation(() => AuditRequestType, { description: 'Accepts an answer, or sends it back with what is missing.' })
  async decideAuditRequest(@Arg('input') input: DecideAuditRequestInput, @Ctx() context: RequestContext): Promise<AuditRequestType> {
    return toAuditRequestType(await this.service.decide(input, context.claims, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, "the id of the person asked; isms-service resolves the person under its own rules")
  @FieldResolver(() => PersonRefType)
  owner(@Root() request: AuditRequestType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: request.ownerPersonId });
  }

  @Scoped(ScopeRule.Parent, 'ids of the evidence of the answer; evidence-service resolves each under its own rules (null when not visible)')
  @FieldResolver(() => [EvidenceItemRefType], { nullable: 'items' })
  evidence(@Root() request: AuditRequestType): EvidenceItemRefType[] {
    return request.evidenceIds.map((id) => Object.assign(new EvidenceItemRefType(), { id }));
  }
}

@Resolver(() => EngagementType)
export class EngagementRequestsResolver {
  private readonly service: AuditRequestService;

  constructor(deps: ServiceDeps) {
    this.service = new AuditRequestService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, 'the request list of an engagement already allowed')
  @FieldResolver(() => [AuditRequestType], { description: "The engagement's request list, by due date." })
  async requests(@Root() engagement: EngagementType, @Ctx() context: RequestContext): Promise<AuditRequestType[]> {
    return (await this.service.byEngagement(context.claims, engagement.id)).map(toAuditRequestType);
  }
}
