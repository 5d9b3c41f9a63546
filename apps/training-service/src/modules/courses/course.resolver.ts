import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule, TRAINING_READERS } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { CreateCourseInput, PublishCourseVersionInput } from './course.input';
import { toCourseType, toCourseVersionType } from './course.mapper';
import { CourseService } from './course.service';
import { CourseType, CourseVersionType, PublishedCourseVersionType } from './course.type';

@Resolver(() => CourseType)
export class CourseResolver {
  private readonly service: CourseService;

  constructor(deps: ServiceDeps) {
    this.service = new CourseService(deps);
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's training catalogue: the same for every reader")
  @Query(() => [CourseType], { description: 'The training catalogue of the organisation, by title.' })
  async courses(@Ctx() context: RequestContext): Promise<CourseType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toCourseType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the catalogue is organisation data: programme managers only')
  @Mutation(() => CourseType)
  async createCourse(@Arg('input') input: CreateCourseInput, @Ctx() context: RequestContext): Promise<CourseType> {
    return toCourseType(await this.service.create(context.claims.organisationId, input, context.claims.sub));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the catalogue is organisation data: programme managers only')
  @Mutation(() => PublishedCourseVersionType, {
    description: 'Publishes a new version of a course (its quiz copied over); with retakeRequired, everyone who completed an older version gets a new assignment.',
  })
  async publishCourseVersion(@Arg('input') input: PublishCourseVersionInput, @Ctx() context: RequestContext): Promise<PublishedCourseVersionType> {
    const published = await this.service.publishVersion(input, eventContext(context), context.claims.sub);
    return Object.assign(new PublishedCourseVersionType(), { course: toCourseType(published.course), version: toCourseVersionType(published.version), retakeAssignments: published.retakes });
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, "the course's version history is catalogue data, as courses")
  @FieldResolver(() => [CourseVersionType], { description: 'Every published version, newest first.' })
  async versions(@Root() course: CourseType, @Ctx() context: RequestContext): Promise<CourseVersionType[]> {
    return (await this.service.versions(context.claims.organisationId, course.id)).map(toCourseVersionType);
  }
}
