import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, ScopeRule, STAFF } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { PersonRefType } from '../people/person.type';
import { PolicyAcknowledgementHistoryArgs, PolicyAcknowledgementPageArgs, PolicyAcknowledgementRatesArgs } from './policy-acknowledgement.input';
import { toPolicyAcknowledgementType } from './policy-acknowledgement.mapper';
import { PolicyAcknowledgementService } from './policy-acknowledgement.service';
import {
  OrgUnitRefType,
  PolicyAcknowledgementConnectionType,
  PolicyAcknowledgementRatesType,
  PolicyAcknowledgementType,
  PolicyAcknowledgementUnitRateType,
  PolicyRefType,
} from './policy-acknowledgement.type';

@Resolver(() => PolicyAcknowledgementType)
export class PolicyAcknowledgementResolver {
  private readonly service: PolicyAcknowledgementService;

  constructor(deps: ServiceDeps) {
    this.service = new PolicyAcknowledgementService(deps);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the caller's own pending tasks, whatever their role")
  @Query(() => [PolicyAcknowledgementType], { description: 'The caller\'s policies still to acknowledge, oldest first.' })
  async myPendingPolicyAcknowledgements(@Ctx() context: RequestContext): Promise<PolicyAcknowledgementType[]> {
    return (await this.service.mine(context.claims, 'PENDING')).map(toPolicyAcknowledgementType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Own, "counts only the tasks of the people of the caller's units and their own (per unit too); organisation-wide roles everyone's; an external auditor the tasks of the grant's period")
  @Query(() => PolicyAcknowledgementRatesType, { description: 'Acknowledged / total for a published policy version, overall and per unit.' })
  async policyAcknowledgementRates(@Args() args: PolicyAcknowledgementRatesArgs, @Ctx() context: RequestContext): Promise<PolicyAcknowledgementRatesType> {
    const rates = await this.service.rates(context.claims, args.policyId, args.versionId, context.access);
    return Object.assign(new PolicyAcknowledgementRatesType(), rates, {
      units: rates.units.map((unit) => Object.assign(new PolicyAcknowledgementUnitRateType(), unit)),
    });
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Own, "the tasks of the people of the caller's units and their own, filtered in SQL with totalCount; organisation-wide roles everyone's; an external auditor the tasks of the grant's period")
  @Query(() => PolicyAcknowledgementConnectionType, {
    description:
      'Who has and who has not acknowledged a published policy version, a page at a time, by name: the tasks policyAcknowledgementRates counts; filter by unit (with its sub-units) and by acknowledged or pending.',
  })
  async policyAcknowledgementPage(@Args() args: PolicyAcknowledgementPageArgs, @Ctx() context: RequestContext): Promise<PolicyAcknowledgementConnectionType> {
    const page = await this.service.page(context.claims, args, context.access);
    return Object.assign(new PolicyAcknowledgementConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toPolicyAcknowledgementType) });
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Own, "a person of the caller's units or the caller themself; organisation-wide roles anyone; an external auditor the records of the grant's period")
  @Query(() => [PolicyAcknowledgementType], {
    description:
      "One person's acknowledgement records across versions (superseded tasks included), oldest first: which version, its content hash, when and from where.",
  })
  async policyAcknowledgementHistory(@Args() args: PolicyAcknowledgementHistoryArgs, @Ctx() context: RequestContext): Promise<PolicyAcknowledgementType[]> {
    return (await this.service.history(context.claims, args, context.access)).map(toPolicyAcknowledgementType);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, 'only the person the task is for acknowledges it')
  @Mutation(() => PolicyAcknowledgementType, { description: 'Acknowledges a policy version: only by the person the task is for.' })
  async acknowledgePolicy(
    @Arg('acknowledgementId', () => ID) acknowledgementId: string,
    @Arg('contentSha256', () => String, {
      nullable: true,
      description: 'SHA-256 of the text the reader was shown (PolicyVersion.contentSha256): refused if the version in force says something else.',
    })
    contentSha256: string | null,
    @Ctx() context: RequestContext,
  ): Promise<PolicyAcknowledgementType> {
    return toPolicyAcknowledgementType(
      await this.service.acknowledge(acknowledgementId, context.claims, eventContext(context), { contentSha256, client: context.client }),
    );
  }

  @Scoped(ScopeRule.Parent, "the policy's id; controls-service resolves the policy under its own rules")
  @FieldResolver(() => PolicyRefType, { description: 'The policy; controls-service resolves its title and versions.' })
  policy(@Root() task: PolicyAcknowledgementType): PolicyRefType {
    return Object.assign(new PolicyRefType(), { id: task.policyId });
  }

  @Scoped(ScopeRule.Parent, "the id of the person asked to acknowledge")
  @FieldResolver(() => PersonRefType, { description: 'Who is asked to acknowledge; isms-service resolves their name.' })
  person(@Root() task: PolicyAcknowledgementType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: task.personId });
  }
}

@Resolver(() => PolicyAcknowledgementUnitRateType)
export class PolicyAcknowledgementUnitRateResolver {
  @Scoped(ScopeRule.Parent, "the id of the rate's unit")
  @FieldResolver(() => OrgUnitRefType, { nullable: true, description: 'The unit of `unitId` (null for people without a unit); isms-service resolves its name.' })
  unit(@Root() rate: PolicyAcknowledgementUnitRateType): OrgUnitRefType | null {
    return rate.unitId ? Object.assign(new OrgUnitRefType(), { id: rate.unitId }) : null;
  }
}
