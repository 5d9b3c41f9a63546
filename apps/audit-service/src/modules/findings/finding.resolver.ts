import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, FINDING_RAISERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ControlRefType } from '../controls/control.type';
import { toEngagementType } from '../engagements/engagement.mapper';
import { engagementLoader } from '../engagements/engagement.reference';
import { assertEngagementInScope } from '../engagements/engagement.scope';
import { EngagementService } from '../engagements/engagement.service';
import { EngagementType } from '../engagements/engagement.type';
import { RaiseFindingInput } from './finding.input';
import { toFindingType } from './finding.mapper';
import { findingsByEngagementLoader } from './finding.reference';
import { FindingService } from './finding.service';
import { FindingType } from './finding.type';

@Resolver(() => FindingType)
export class FindingResolver {
  private readonly service: FindingService;
  private readonly engagements: EngagementService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new FindingService(deps);
    this.engagements = new EngagementService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Organisation,
    'findings of one engagement (findings carry no unit yet: every internal reader reads all); an external auditor only on their grant',
  )
  @Query(() => [FindingType], { description: 'Findings of one engagement, in the order they were raised.' })
  async findings(@Arg('engagementId', () => ID) engagementId: string, @Ctx() context: RequestContext): Promise<FindingType[]> {
    assertEngagementInScope(context.claims, engagementId);
    const engagement = await this.engagements.get(context.claims.organisationId, engagementId);
    return (await findingsByEngagementLoader(this.deps, context).load(engagement.id)).map(toFindingType);
  }

  @Authorized(FINDING_RAISERS)
  @Scoped(ScopeRule.Organisation, 'on any open engagement; an external auditor only on the engagement of their grant (OUTSIDE_ENGAGEMENT_GRANT, nothing written)')
  @Mutation(() => FindingType, { description: 'Raises a finding on an engagement that is not closed; an external auditor only on their own.' })
  async raiseFinding(@Arg('input') input: RaiseFindingInput, @Ctx() context: RequestContext): Promise<FindingType> {
    assertEngagementInScope(context.claims, input.engagementId);
    return toFindingType(await this.service.raise(input, context.claims.sub, eventContext(context)));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, 'the engagement of a finding already allowed (only findings of visible engagements are returned)')
  @FieldResolver(() => EngagementType)
  async engagement(@Root() finding: FindingType, @Ctx() context: RequestContext): Promise<EngagementType> {
    const engagement = await engagementLoader(this.deps, context).load(finding.engagementId);
    if (!engagement) throw new Error(`engagement ${finding.engagementId} of finding ${finding.id} is missing`);
    return toEngagementType(engagement);
  }

  @Scoped(ScopeRule.Parent, 'the catalogue control of a finding already allowed (a stub)')
  @FieldResolver(() => ControlRefType, { nullable: true })
  control(@Root() finding: FindingType): ControlRefType | null {
    return finding.controlId ? Object.assign(new ControlRefType(), { id: finding.controlId }) : null;
  }
}
