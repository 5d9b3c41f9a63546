import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, STAFF } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PersonRefType } from '../people/person.type';
import { PolicyAcknowledgementRatesArgs } from './policy-acknowledgement.input';
import { toPolicyAcknowledgementType } from './policy-acknowledgement.mapper';
import { PolicyAcknowledgementService } from './policy-acknowledgement.service';
import { PolicyAcknowledgementRatesType, PolicyAcknowledgementType, PolicyAcknowledgementUnitRateType, PolicyRefType } from './policy-acknowledgement.type';

@Resolver(() => PolicyAcknowledgementType)
export class PolicyAcknowledgementResolver {
  private readonly service: PolicyAcknowledgementService;

  constructor(deps: ServiceDeps) {
    this.service = new PolicyAcknowledgementService(deps);
  }

  @Authorized(STAFF)
  @Query(() => [PolicyAcknowledgementType], { description: 'The caller\'s policies still to acknowledge, oldest first.' })
  async myPendingPolicyAcknowledgements(@Ctx() context: RequestContext): Promise<PolicyAcknowledgementType[]> {
    return (await this.service.mine(context.claims, 'PENDING')).map(toPolicyAcknowledgementType);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => PolicyAcknowledgementRatesType, { description: 'Acknowledged / total for a published policy version, overall and per unit.' })
  async policyAcknowledgementRates(@Args() args: PolicyAcknowledgementRatesArgs, @Ctx() context: RequestContext): Promise<PolicyAcknowledgementRatesType> {
    const rates = await this.service.rates(context.claims.organisationId, args.policyId, args.versionId);
    return Object.assign(new PolicyAcknowledgementRatesType(), rates, {
      units: rates.units.map((unit) => Object.assign(new PolicyAcknowledgementUnitRateType(), unit)),
    });
  }

  @Authorized(STAFF)
  @Mutation(() => PolicyAcknowledgementType, { description: 'Acknowledges a policy version: only by the person the task is for.' })
  async acknowledgePolicy(@Arg('acknowledgementId', () => ID) acknowledgementId: string, @Ctx() context: RequestContext): Promise<PolicyAcknowledgementType> {
    return toPolicyAcknowledgementType(await this.service.acknowledge(acknowledgementId, context.claims, eventContext(context)));
  }

  @FieldResolver(() => PolicyRefType)
  policy(@Root() task: PolicyAcknowledgementType): PolicyRefType {
    return Object.assign(new PolicyRefType(), { id: task.policyId });
  }

  @FieldResolver(() => PersonRefType)
  person(@Root() task: PolicyAcknowledgementType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: task.personId });
  }
}
