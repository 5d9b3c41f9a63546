import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule, TRAINEES } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { GrantQuizAttemptInput, SetCourseQuizInput, SubmitQuizAttemptInput } from './quiz.input';
import { toCoursePlayerType, toCourseQuizType, toQuizAttemptType, toQuizResultType } from './quiz.mapper';
import { QuizService } from './quiz.service';
import { CoursePlayerType, CourseQuizType, QuizAttemptType, QuizResultType } from './quiz.type';

@Resolver()
export class QuizResolver {
  private readonly service: QuizService;

  constructor(deps: ServiceDeps) {
    this.service = new QuizService(deps);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "the catalogue's quiz with its correct options: programme managers only")
  @Query(() => CourseQuizType, { nullable: true, description: "The quiz of a course's current version with the correct options (null: no quiz)." })
  async courseQuiz(@Arg('courseId', () => ID) courseId: string, @Ctx() context: RequestContext): Promise<CourseQuizType | null> {
    const quiz = await this.service.courseQuiz(context.claims.organisationId, courseId);
    return quiz ? toCourseQuizType(quiz.version, quiz.questions) : null;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the catalogue is organisation data: programme managers only')
  @Mutation(() => CourseQuizType, { description: "Sets the quiz of the course's current version (refused once that version was attempted: publish a new one)." })
  async setCourseQuiz(@Arg('input') input: SetCourseQuizInput, @Ctx() context: RequestContext): Promise<CourseQuizType> {
    const quiz = await this.service.setQuiz(input, context.claims.organisationId);
    return toCourseQuizType(quiz.version, quiz.questions);
  }

  @Authorized(TRAINEES)
  @Scoped(ScopeRule.Own, "the assignee's own assignment only")
  @Query(() => CoursePlayerType, { description: 'Where the caller stands on one of their assignments: version, quiz rules, attempts used and left, score.' })
  async coursePlayer(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() context: RequestContext): Promise<CoursePlayerType> {
    return toCoursePlayerType(await this.service.player(assignmentId, context.claims));
  }

  @Authorized(TRAINEES)
  @Scoped(ScopeRule.Own, "the assignee's own assignment only")
  @Mutation(() => CoursePlayerType, { description: 'The assignee starts the course: IN_PROGRESS, with the time it started.' })
  async startCourse(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() context: RequestContext): Promise<CoursePlayerType> {
    return toCoursePlayerType(await this.service.startCourse(assignmentId, context.claims, eventContext(context)));
  }

  @Authorized(TRAINEES)
  @Scoped(ScopeRule.Own, "the assignee's own assignment only")
  @Mutation(() => QuizAttemptType, { description: 'Starts a quiz attempt (or returns the one in progress): the questions drawn for it, never the answers.' })
  async startQuizAttempt(@Arg('assignmentId', () => ID) assignmentId: string, @Ctx() context: RequestContext): Promise<QuizAttemptType> {
    return toQuizAttemptType(await this.service.startAttempt(assignmentId, context.claims, eventContext(context)));
  }

  @Authorized(TRAINEES)
  @Scoped(ScopeRule.Own, "an attempt of the assignee's own assignment only")
  @Mutation(() => QuizResultType, { description: 'Submits the answers of an attempt: a pass completes the assignment with its score; a fail uses up the attempt.' })
  async submitQuizAttempt(@Arg('input') input: SubmitQuizAttemptInput, @Ctx() context: RequestContext): Promise<QuizResultType> {
    return toQuizResultType(await this.service.submitAttempt(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "programme managers (organisation-wide), never for their own assignment")
  @Mutation(() => CoursePlayerType, { description: 'Grants one more quiz attempt to an assignee who used all theirs, with a reason.' })
  async grantQuizAttempt(@Arg('input') input: GrantQuizAttemptInput, @Ctx() context: RequestContext): Promise<CoursePlayerType> {
    return toCoursePlayerType(await this.service.grantAttempt(input, context.claims));
  }
}
