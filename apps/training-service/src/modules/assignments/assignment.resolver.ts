import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PROGRAMME_MANAGERS, TRAINEES, TRAINING_READERS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { toCourseType } from '../courses/course.mapper';
import { courseLoader } from '../courses/course.reference';
import { CourseType } from '../courses/course.type';
import { PersonRefType } from '../people/person.type';
import { AssignCourseInput, AssignmentPageArgs, AssignmentsArgs } from './assignment.input';
import { toAssignmentType } from './assignment.mapper';
import { AssignmentService } from './assignment.service';
import { AssignmentConnectionType, AssignmentType } from './assignment.type';

@Resolver(() => AssignmentType)
export class AssignmentResolver {
  private readonly service: AssignmentService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new AssignmentService(deps);
  }

  @Authorized(TRAINING_READERS)
  @Query(() => [AssignmentType], { description: 'Training assignments by due date; an employee sees only their own.' })
  async assignments(@Args() args: AssignmentsArgs, @Ctx() context: RequestContext): Promise<AssignmentType[]> {
    return (await this.service.list(context.claims, args)).map(toAssignmentType);
  }

  @Authorized(TRAINING_READERS)
  @Query(() => AssignmentConnectionType, {
    description:
      'Training assignments a page at a time, by due date (then id, so pages never overlap), with the total over all pages; filter by person, course, status or overdue. An employee sees only their own.',
  })
  async assignmentPage(@Args() args: AssignmentPageArgs, @Ctx() context: RequestContext): Promise<AssignmentConnectionType> {
    const page = await this.service.page(context.claims, args);
    return Object.assign(new AssignmentConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map((node) => toAssignmentType(node)) });
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => AssignmentType, { description: 'Assigns a course to a person known from isms-service.' })
  async assignCourse(@Arg('input') input: AssignCourseInput, @Ctx() context: RequestContext): Promise<AssignmentType> {
    return toAssignmentType(await this.service.assign(input, eventContext(context)));
  }

  @Authorized(TRAINEES)
  @Mutation(() => AssignmentType, { description: 'Marks an assignment completed: by the assignee, or by an ISMS manager.' })
  async completeAssignment(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AssignmentType> {
    return toAssignmentType(await this.service.complete(id, context.claims, eventContext(context)));
  }

  @FieldResolver(() => CourseType, { description: 'The course to complete.' })
  async course(@Root() assignment: AssignmentType, @Ctx() context: RequestContext): Promise<CourseType> {
    const course = await courseLoader(this.deps, context).load(assignment.courseId);
    if (!course) throw new Error(`course ${assignment.courseId} of assignment ${assignment.id} is missing`);
    return toCourseType(course);
  }

  @FieldResolver(() => PersonRefType, { description: 'The trainee; isms-service resolves their name.' })
  person(@Root() assignment: AssignmentType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: assignment.personId });
  }
}
