import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, oneToOneLoader, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toOrgUnitType } from '../org-units/org-unit.mapper';
import { orgUnitLoader } from '../org-units/org-unit.reference';
import { OrgUnitType } from '../org-units/org-unit.type';
import { toPersonType } from '../people/person.mapper';
import { personLoader } from '../people/person.reference';
import { PersonType } from '../people/person.type';
import {
  CreateContextIssueInput,
  CreateInterestedPartyInput,
  CreateObligationInput,
  ReviewsDueArgs,
  UpdateContextIssueInput,
  UpdateInterestedPartyInput,
  UpdateObligationInput,
} from './context.input';
import { toContextIssueType, toInterestedPartyType, toObligationType } from './context.mapper';
import { ContextService } from './context.service';
import { ContextIssueType, ContextReviewsDueType, InterestedPartyType, ObligationType } from './context.type';

@Resolver()
export class ContextResolver {
  private readonly service: ContextService;

  constructor(deps: ServiceDeps) {
    this.service = new ContextService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the context of the ISMS (clauses 4.1, 4.2) is organisation data')
  @Query(() => [ContextIssueType], { description: 'Internal and external issues (clause 4.1).' })
  async contextIssues(@Ctx() context: RequestContext): Promise<ContextIssueType[]> {
    return (await this.service.issues(context.claims.organisationId)).map(toContextIssueType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the context of the ISMS (clauses 4.1, 4.2) is organisation data')
  @Query(() => [InterestedPartyType], { description: 'Interested parties and their requirements (clause 4.2).' })
  async interestedParties(@Ctx() context: RequestContext): Promise<InterestedPartyType[]> {
    return (await this.service.parties(context.claims.organisationId)).map(toInterestedPartyType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the context of the ISMS (clauses 4.1, 4.2) is organisation data')
  @Query(() => [ObligationType], { description: 'The register of legal, regulatory and contractual obligations.' })
  async obligations(@Ctx() context: RequestContext): Promise<ObligationType[]> {
    return (await this.service.obligations(context.claims.organisationId)).map(toObligationType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the context of the ISMS (clauses 4.1, 4.2) is organisation data')
  @Query(() => ContextReviewsDueType, { description: 'Issues, interested parties and (not retired) obligations due for review before a date.' })
  async contextReviewsDue(@Args() { before }: ReviewsDueArgs, @Ctx() context: RequestContext): Promise<ContextReviewsDueType> {
    const due = await this.service.dueForReview(context.claims.organisationId, before);
    return {
      issues: due.issues.map(toContextIssueType),
      interestedParties: due.interestedParties.map(toInterestedPartyType),
      obligations: due.obligations.map(toObligationType),
    };
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => ContextIssueType)
  async createContextIssue(@Arg('input') input: CreateContextIssueInput, @Ctx() context: RequestContext): Promise<ContextIssueType> {
    return toContextIssueType(await this.service.createIssue(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => ContextIssueType)
  async updateContextIssue(@Arg('input') input: UpdateContextIssueInput, @Ctx() context: RequestContext): Promise<ContextIssueType> {
    return toContextIssueType(await this.service.updateIssue(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => InterestedPartyType)
  async createInterestedParty(@Arg('input') input: CreateInterestedPartyInput, @Ctx() context: RequestContext): Promise<InterestedPartyType> {
    return toInterestedPartyType(await this.service.createParty(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => InterestedPartyType)
  async updateInterestedParty(@Arg('input') input: UpdateInterestedPartyInput, @Ctx() context: RequestContext): Promise<InterestedPartyType> {
    return toInterestedPartyType(await this.service.updateParty(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => ObligationType)
  async createObligation(@Arg('input') input: CreateObligationInput, @Ctx() context: RequestContext): Promise<ObligationType> {
    return toObligationType(await this.service.createObligation(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the context registers')
  @Mutation(() => ObligationType)
  async updateObligation(@Arg('input') input: UpdateObligationInput, @Ctx() context: RequestContext): Promise<ObligationType> {
    return toObligationType(await this.service.updateObligation(input, eventContext(context)));
  }
}

@Resolver(() => ContextIssueType)
export class ContextIssueFieldsResolver {
  constructor(private readonly deps: ServiceDeps) {}

  @Scoped(ScopeRule.Parent, 'a name on a register entry the caller may read')
  @FieldResolver(() => OrgUnitType, { nullable: true })
  async unit(@Root() issue: ContextIssueType, @Ctx() context: RequestContext): Promise<OrgUnitType | null> {
    if (!issue.unitId) return null;
    const unit = await orgUnitLoader(this.deps, context).load(issue.unitId);
    return unit ? toOrgUnitType(unit) : null;
  }
}

@Resolver(() => ObligationType)
export class ObligationFieldsResolver {
  private readonly service: ContextService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new ContextService(deps);
  }

  @Scoped(ScopeRule.Parent, 'a name on a register entry the caller may read')
  @FieldResolver(() => InterestedPartyType, { nullable: true, description: 'The interested party of `interestedPartyId` whose requirement this obligation is.' })
  async interestedParty(@Root() obligation: ObligationType, @Ctx() context: RequestContext): Promise<InterestedPartyType | null> {
    if (!obligation.interestedPartyId) return null;
    const loader = oneToOneLoader(context, 'interestedParties', (ids) => this.service.partiesByIds(context.claims.organisationId, ids));
    const party = await loader.load(obligation.interestedPartyId);
    return party ? toInterestedPartyType(party) : null;
  }

  @Scoped(ScopeRule.Parent, 'a name on a register entry the caller may read')
  @FieldResolver(() => PersonType, { nullable: true })
  async owner(@Root() obligation: ObligationType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!obligation.ownerId) return null;
    const person = await personLoader(this.deps, context).load(obligation.ownerId);
    return person ? toPersonType(person) : null;
  }
}
