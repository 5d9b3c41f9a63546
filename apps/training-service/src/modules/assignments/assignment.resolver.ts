import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule, TRAINEES, TRAINING_READERS } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
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
  @Scoped(ScopeRule.Own, "an employee's own; a risk or control owner (or a grant) also those of the people of their units; organisation-wide roles everyone's; an external auditor those dated within the grant's period")
  @Query(() => [AssignmentType], { description: 'Training assignments by due date; an employee sees only their own, a unit owner those of their units\' people.' })
  async assignments(@Args() args: AssignmentsArgs, @Ctx() context: RequestContext): Promise<AssignmentType[]> {
    return (await this.service.list(context.claims, context.access, args)).map(toAssignmentType);
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Own, "as assignments, filtered in SQL: pages and totalCount count only the assignments the caller may see")
  @Query(() => AssignmentConnectionType, {
    description:
      'Training assignments a page at a time, by due date (then id, so pages never overlap), with the total over all pages; filter by person, course, status or overdue. An employee sees only their own.',
  })
  async assignmentPage(@Args() args: AssignmentPageArgs, @Ctx() context: RequestContext): Promise<AssignmentConnectionType> {
    const page = await this.service.page(context.claims, context.access, args);
    return Object.assign(new AssignmentConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map((node) => toAssignmentType(node)) });
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Own, 'programme managers (organisation-wide) assign anyone')
  @Mutation(() => AssignmentType, { description: 'Assigns a course to a person known from isms-service.' })
  async assignCourse(@Arg('input') input: AssignCourseInput, @Ctx() context: RequestContext): Promise<AssignmentType> {
    return toAssignmentType(await this.service.assign(input, eventContext(context)));
  }

  @Authorized(TRAINEES)
  @Scoped(ScopeRule.Own, "the assignee's own assignment; a programme manager anyone's")
  @Mutation(() => AssignmentType, { description: 'Marks an assignment completed: by the assignee, or by an ISMS manager.' })
  async completeAssignment(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AssignmentType> {
    return toAssignmentType(await this.service.complete(id, context.claims, eventContext(context)));
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, 'the course of the catalogue (organisation data), as courses')
  @FieldResolver(() => CourseType, { description: 'The course to complete.' })
  async course(@Root() assignment: AssignmentType, @Ctx() context: RequestContext): Promise<CourseType> {
    const course = await courseLoader(this.deps, context).load(assignment.courseId);
    if (!course) throw new Error(`course ${assignment.courseId} of assignment ${assignment.id} is missing`);
    return toCourseType(course);
  }

  @Scoped(ScopeRule.Parent, "the trainee's id; isms-service resolves the person")
  @FieldResolver(() => PersonRefType, { description: 'The trainee; isms-service resolves their name.' })
  person(@Root() assignment: AssignmentType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: assignment.personId });
  }
}
