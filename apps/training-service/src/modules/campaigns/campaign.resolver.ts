import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toAssignmentType } from '../assignments/assignment.mapper';
import { AssignmentType } from '../assignments/assignment.type';
import { toCourseType } from '../courses/course.mapper';
import { courseLoader } from '../courses/course.reference';
import { CourseType } from '../courses/course.type';
import { CampaignAudienceInput, CampaignsArgs, CreateCampaignInput, ExemptAssignmentInput } from './campaign.input';
import { toCampaignType } from './campaign.mapper';
import { CampaignService } from './campaign.service';
import { CampaignAudiencePreviewType, CampaignType } from './campaign.type';

@Resolver(() => CampaignType)
export class CampaignResolver {
  private readonly service: CampaignService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new CampaignService(deps);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, "a campaign's settings and progress are organisation data (who is enrolled is read through assignments, scoped per person)")
  @Query(() => [CampaignType], { description: 'Training campaigns, newest first; optionally of one status.' })
  async campaigns(@Args() args: CampaignsArgs, @Ctx() context: RequestContext): Promise<CampaignType[]> {
    return (await this.service.list(context.claims.organisationId, args.status)).map(toCampaignType);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, 'as campaigns')
  @Query(() => CampaignType, { description: 'One campaign, with its enrolment progress (enrolledCount of targetCount) while a round enrols.' })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<CampaignType> {
    return toCampaignType(await this.service.byId(context.claims.organisationId, id));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers (organisation-wide) count the whole organisation')
  @Query(() => CampaignAudiencePreviewType, { description: 'How many active people an audience reaches now (and a sample), before a launch.' })
  async previewCampaignAudience(@Arg('audience') audience: CampaignAudienceInput, @Ctx() context: RequestContext): Promise<CampaignAudiencePreviewType> {
    return this.service.preview(context.claims.organisationId, audience);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers (organisation-wide) create campaigns')
  @Mutation(() => CampaignType, { description: 'Creates a draft campaign: a course for an audience, due N days after enrolment, optionally recurring.' })
  async createCampaign(@Arg('input') input: CreateCampaignInput, @Ctx() context: RequestContext): Promise<CampaignType> {
    return toCampaignType(await this.service.create(input, context.claims));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers (organisation-wide) launch campaigns')
  @Mutation(() => CampaignType, {
    description: 'Launches a draft campaign: enrols its audience in batches (read enrolledCount/targetCount until the status is LAUNCHED). An audience that matches nobody is refused (AUDIENCE_EMPTY).',
  })
  async launchCampaign(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<CampaignType> {
    return toCampaignType(await this.service.launch(id, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers (organisation-wide) close campaigns')
  @Mutation(() => CampaignType, { description: 'Closes a campaign: it enrols nobody more and opens no further round; open assignments stay owed.' })
  async closeCampaign(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<CampaignType> {
    return toCampaignType(await this.service.close(id, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "programme managers (organisation-wide) exempt anyone's open assignment but their own")
  @Mutation(() => AssignmentType, { description: 'Exempts a person from an open assignment, with a reason; nobody exempts themself.' })
  async exemptAssignment(@Arg('input') input: ExemptAssignmentInput, @Ctx() context: RequestContext): Promise<AssignmentType> {
    return toAssignmentType(await this.service.exempt(input.assignmentId, input.reason, context.claims, eventContext(context)));
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, 'the course of the catalogue (organisation data), as courses')
  @FieldResolver(() => CourseType, { description: 'The course the campaign sets.' })
  async course(@Root() campaign: CampaignType, @Ctx() context: RequestContext): Promise<CourseType> {
    const course = await courseLoader(this.deps, context).load(campaign.courseId);
    if (!course) throw new Error(`course ${campaign.courseId} of campaign ${campaign.id} is missing`);
    return toCourseType(course);
  }
}
