import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule, TRAINING_READERS } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { CreateCourseInput } from './course.input';
import { toCourseType } from './course.mapper';
import { CourseService } from './course.service';
import { CourseType } from './course.type';

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
    return toCourseType(await this.service.create(context.claims.organisationId, input));
  }
}
