import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EVIDENCE_MANAGERS, INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, PageArgs, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ControlRefType } from '../controls/control.type';
import { toEvidenceRequirementType } from '../requirements/evidence-requirement.mapper';
import { EvidenceRequirementType } from '../requirements/evidence-requirement.type';
import { orgUnitRef, OrgUnitRefType } from '../units/org-unit.type';
import { CommentOnEvidenceRequestInput, DecideEvidenceRequestInput, EvidenceRequestsArgs, OpenEvidenceRequestInput, SubmitEvidenceRequestInput } from './evidence-request.input';
import { evidenceRequestHistoryLoader, evidenceRequirementLoader } from './evidence-request.loaders';
import { toEvidenceRequestCommentType, toEvidenceRequestTransitionType, toEvidenceRequestType } from './evidence-request.mapper';
import { Caller, EvidenceRequestPage, EvidenceRequestService } from './evidence-request.service';
import {
  EvidenceRequestAssigneeType,
  EvidenceRequestCommentType,
  EvidenceRequestConnectionType,
  EvidenceRequestTransitionType,
  EvidenceRequestType,
} from './evidence-request.type';

function callerOf(context: RequestContext): Caller {
  return { claims: context.claims, access: context.access };
}

function connection(page: EvidenceRequestPage): EvidenceRequestConnectionType {
  return Object.assign(new EvidenceRequestConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toEvidenceRequestType) });
}

const READ_RULE =
  "organisation-wide readers all requests; control owners and the other unit roles their units' (sub-units included) and those assigned to them; employees and external auditors none; filtered in SQL, so totals count only those";
const WRITE_RULE = "a request of the caller's units or assigned to them (programme managers: any); otherwise OUT_OF_SCOPE, nothing written";

@Resolver(() => EvidenceRequestType)
export class EvidenceRequestResolver {
  private readonly service: EvidenceRequestService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new EvidenceRequestService(deps);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Units, READ_RULE)
  @Query(() => EvidenceRequestConnectionType, { description: 'Evidence requests, soonest due first; filter by status, department, control, assignee (ME or ANY) and due date.' })
  async evidenceRequests(@Args() args: EvidenceRequestsArgs, @Ctx() context: RequestContext): Promise<EvidenceRequestConnectionType> {
    return connection(await this.service.page(callerOf(context), args.filter, args));
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Own, "requests assigned to the caller's own person record (none when the caller is not in the organisation register)")
  @Query(() => EvidenceRequestConnectionType, { description: "The caller's own evidence requests, soonest due first." })
  async myEvidenceRequests(@Args() page: PageArgs, @Ctx() context: RequestContext): Promise<EvidenceRequestConnectionType> {
    return connection(await this.service.page(callerOf(context), { assignee: EvidenceRequestAssigneeType.ME }, page));
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Units, `${READ_RULE}; a request outside them reads as null`)
  @Query(() => EvidenceRequestType, { nullable: true })
  async evidenceRequest(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EvidenceRequestType | null> {
    const request = await this.service.one(callerOf(context), id);
    return request ? toEvidenceRequestType(request) : null;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Units, 'programme managers reach every unit')
  @Mutation(() => EvidenceRequestType, { description: "Asks a department for a requirement's evidence for the current period by a due date (today or later)." })
  async openEvidenceRequest(@Arg('input') input: OpenEvidenceRequestInput, @Ctx() context: RequestContext): Promise<EvidenceRequestType> {
    return toEvidenceRequestType(await this.service.open(input, callerOf(context), eventContext(context)));
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Units, `${WRITE_RULE}; only the assignee or a control owner of the department submits (NOT_ASSIGNEE)`)
  @Mutation(() => EvidenceRequestType, { description: 'Hands in evidence items of the same department for a request (the assignee, or a control owner of the department).' })
  async submitEvidenceRequest(@Arg('input') input: SubmitEvidenceRequestInput, @Ctx() context: RequestContext): Promise<EvidenceRequestType> {
    return toEvidenceRequestType(await this.service.submit(input, callerOf(context), eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Units, 'programme managers reach every unit; never a request the caller submitted or is assigned (SELF_APPROVAL)')
  @Mutation(() => EvidenceRequestType, { description: 'Accepts the evidence submitted for a request; nobody accepts their own.' })
  async acceptEvidenceRequest(@Arg('input') input: DecideEvidenceRequestInput, @Ctx() context: RequestContext): Promise<EvidenceRequestType> {
    return toEvidenceRequestType(await this.service.accept(input, callerOf(context), eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Units, 'programme managers reach every unit; never a request the caller submitted or is assigned (SELF_APPROVAL)')
  @Mutation(() => EvidenceRequestType, { description: 'Sends the submitted evidence back to the assignee, saying what has to change (comment required).' })
  async requestEvidenceChanges(@Arg('input') input: DecideEvidenceRequestInput, @Ctx() context: RequestContext): Promise<EvidenceRequestType> {
    return toEvidenceRequestType(await this.service.requestChanges(input, callerOf(context), eventContext(context)));
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Units, WRITE_RULE)
  @Mutation(() => EvidenceRequestType, { description: 'Adds a comment to a request.' })
  async commentOnEvidenceRequest(@Arg('input') input: CommentOnEvidenceRequestInput, @Ctx() context: RequestContext): Promise<EvidenceRequestType> {
    return toEvidenceRequestType(await this.service.comment(input, callerOf(context)));
  }

  @Scoped(ScopeRule.Organisation, "the requirement of a request already allowed (the organisation's requirement set)")
  @FieldResolver(() => EvidenceRequirementType, { nullable: true })
  async requirement(@Root() request: EvidenceRequestType, @Ctx() context: RequestContext): Promise<EvidenceRequirementType | null> {
    const requirement = await evidenceRequirementLoader(this.deps, context).load(request.requirementId);
    return requirement ? toEvidenceRequirementType(requirement) : null;
  }

  @Scoped(ScopeRule.Parent, 'the transitions of a request already allowed, oldest first')
  @FieldResolver(() => [EvidenceRequestTransitionType], { description: 'Who moved the request, when and why, oldest first.' })
  async history(@Root() request: EvidenceRequestType, @Ctx() context: RequestContext): Promise<EvidenceRequestTransitionType[]> {
    return (await evidenceRequestHistoryLoader(this.deps, context).load(request.id)).filter((entry) => entry.action !== 'COMMENTED').map(toEvidenceRequestTransitionType);
  }

  @Scoped(ScopeRule.Parent, 'the comments on a request already allowed, oldest first')
  @FieldResolver(() => [EvidenceRequestCommentType])
  async comments(@Root() request: EvidenceRequestType, @Ctx() context: RequestContext): Promise<EvidenceRequestCommentType[]> {
    return (await evidenceRequestHistoryLoader(this.deps, context).load(request.id)).filter((entry) => entry.action === 'COMMENTED').map(toEvidenceRequestCommentType);
  }

  @Scoped(ScopeRule.Parent, 'the department of a request already allowed (a stub; isms-service names it)')
  @FieldResolver(() => OrgUnitRefType)
  unit(@Root() request: EvidenceRequestType): OrgUnitRefType {
    return orgUnitRef(request.unitId);
  }

  @Scoped(ScopeRule.Parent, 'the catalogue control of a request already allowed (a stub)')
  @FieldResolver(() => ControlRefType)
  control(@Root() request: EvidenceRequestType): ControlRefType {
    return Object.assign(new ControlRefType(), { id: request.controlId });
  }
}
