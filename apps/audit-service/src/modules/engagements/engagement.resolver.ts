import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toFindingType } from '../findings/finding.mapper';
import { findingsByEngagementLoader } from '../findings/finding.reference';
import { FindingType } from '../findings/finding.type';
import { CreateEngagementInput, SetEngagementStatusInput } from './engagement.input';
import { toEngagementType } from './engagement.mapper';
import { assertEngagementInScope, engagementScope, engagementVisible } from './engagement.scope';
import { EngagementService } from './engagement.service';
import { EngagementType } from './engagement.type';

@Resolver(() => EngagementType)
export class EngagementResolver {
  private readonly service: EngagementService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new EngagementService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Organisation,
    "the audit programme (engagements carry no unit): every internal reader reads all; an external auditor only the engagement of their grant, none without one",
  )
  @Query(() => [EngagementType], { description: 'Audit engagements, latest first; an external auditor sees only the one of their grant.' })
  async engagements(@Ctx() context: RequestContext): Promise<EngagementType[]> {
    return (await this.service.list(context.claims.organisationId, engagementScope(context.claims))).map(toEngagementType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'one engagement: internal readers any; an external auditor only the one of their grant (OUTSIDE_ENGAGEMENT_GRANT otherwise)')
  @Query(() => EngagementType)
  async engagement(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EngagementType> {
    assertEngagementInScope(context.claims, id);
    return toEngagementType(await this.service.get(context.claims.organisationId, id));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the audit programme, by programme managers (organisation-wide) only')
  @Mutation(() => EngagementType)
  async createEngagement(@Arg('input') input: CreateEngagementInput, @Ctx() context: RequestContext): Promise<EngagementType> {
    return toEngagementType(await this.service.create(context.claims.organisationId, input));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the audit programme, by programme managers (organisation-wide) only')
  @Mutation(() => EngagementType, { description: 'Moves an engagement forward: PLANNED, IN_PROGRESS, CLOSED.' })
  async setEngagementStatus(@Arg('input') input: SetEngagementStatusInput, @Ctx() context: RequestContext): Promise<EngagementType> {
    return toEngagementType(await this.service.setStatus(context.claims.organisationId, input));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the findings of an engagement the caller reads, as Query.findings (same roles; an external auditor only on their grant)')
  @FieldResolver(() => [FindingType])
  async findings(@Root() engagement: EngagementType, @Ctx() context: RequestContext): Promise<FindingType[]> {
    if (!engagementVisible(context.claims, engagement.id)) return [];
    return (await findingsByEngagementLoader(this.deps, context).load(engagement.id)).map(toFindingType);
  }
}
