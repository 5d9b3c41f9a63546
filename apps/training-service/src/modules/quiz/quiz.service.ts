import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { EntityManager, In, IsNull } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { AssignmentChanged } from '@iso27001/contracts';
import { PersonReplicaService } from '@iso27001/org-replica';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { AssignmentEntity, OPEN_ASSIGNMENT_STATUSES } from '../assignments/assignment.entity';
import { assignmentErrors } from '../assignments/assignment.errors';
import { toAssignmentEventData } from '../assignments/assignment.mapper';
import { CourseVersionEntity } from '../courses/course-version.entity';
import { CourseEntity } from '../courses/course.entity';
import { courseErrors } from '../courses/course.errors';
import { QuizAttemptEntity, QuizAttemptGrantEntity } from './quiz-attempt.entity';
import { QuizQuestionEntity } from './quiz-question.entity';
import { quizErrors } from './quiz.errors';
import { GrantQuizAttemptInput, SetCourseQuizInput, SubmitQuizAttemptInput } from './quiz.input';
import { answerProblems, attemptsLeft, drawQuestions, grade, questionProblems } from './quiz.rules';

export interface QuizState {
  assignment: AssignmentEntity;
  version: CourseVersionEntity;
  granted: number;
  openAttempt: QuizAttemptEntity | null;
}

export interface StartedAttempt {
  attempt: QuizAttemptEntity;
  questions: QuizQuestionEntity[];
  passMark: number;
  attemptsLeftAfter: number;
}

export interface SubmittedAttempt {
  attempt: QuizAttemptEntity;
  assignment: AssignmentEntity;
  passMark: number;
  right: number;
  attemptsLeft: number;
}

/** Has the version in force for this assignment a quiz? (Used by completeAssignment: such a course completes only by passing.) */
export async function assignmentHasQuiz(manager: EntityManager, assignment: AssignmentEntity): Promise<boolean> {
  const version = await versionOf(manager, assignment);
  return version?.quizPassMark != null;
}

async function versionOf(manager: EntityManager, assignment: AssignmentEntity): Promise<CourseVersionEntity | null> {
  let number = assignment.courseVersion;
  if (number == null) {
    const course = await manager.findOneBy(CourseEntity, { id: assignment.courseId, organisationId: assignment.organisationId });
    number = course?.currentVersion ?? 1;
  }
  return manager.findOneBy(CourseVersionEntity, { courseId: assignment.courseId, version: number, organisationId: assignment.organisationId });
}

export class QuizService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  /** The quiz of the course's current version with its correct options (for programme managers), or null. */
  async courseQuiz(organisationId: string, courseId: string): Promise<{ version: CourseVersionEntity; questions: QuizQuestionEntity[] } | null> {
    const course = await this.deps.dataSource.getRepository(CourseEntity).findOneBy({ id: courseId, organisationId });
    if (!course) return null;
    const version = await this.deps.dataSource.getRepository(CourseVersionEntity).findOneBy({ courseId, version: course.currentVersion, organisationId });
    if (!version || version.quizPassMark == null) return null;
    const questions = await this.deps.dataSource.getRepository(QuizQuestionEntity).find({ where: { courseId, version: version.version, organisationId }, order: { position: 'ASC' } });
    return { version, questions };
  }

  /**
   * Replaces the quiz of the course's current version. Refused once someone has attempted that version (what they were
   * graded against must stay as it was): publish a new version instead.
   */
  async setQuiz(input: SetCourseQuizInput, organisationId: string): Promise<{ version: CourseVersionEntity; questions: QuizQuestionEntity[] }> {
    const problems = input.questions.flatMap((question, position) => questionProblems({ ...question, correct: question.correctOptions }, position));
    if (input.questionsPerAttempt > input.questions.length) {
      problems.push(`questionsPerAttempt (${input.questionsPerAttempt}) is more than the ${input.questions.length} question(s) of the pool`);
    }
    if (problems.length > 0) throw quizErrors.raise('QUIZ_INVALID', problems.join('; '));
    return this.deps.dataSource.transaction(async (manager) => {
      const course = await manager
        .getRepository(CourseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id AND c.organisation_id = :organisationId', { id: input.courseId, organisationId })
        .getOne();
      if (!course) throw courseErrors.raise('COURSE_NOT_FOUND', `course ${input.courseId} does not exist`);
      const version = await manager.findOneByOrFail(CourseVersionEntity, { courseId: course.id, version: course.currentVersion, organisationId });
      if (await manager.existsBy(QuizAttemptEntity, { courseId: course.id, version: version.version, organisationId })) {
        throw quizErrors.raise('QUIZ_IN_USE', `version ${version.version} of "${course.title}" has been attempted already: publish a new version to change its quiz`);
      }
      await manager.delete(QuizQuestionEntity, { courseId: course.id, version: version.version, organisationId });
      const repository = manager.getRepository(QuizQuestionEntity);
      const questions = await repository.save(
        input.questions.map((question, position) => {
          const options = question.options.map((text) => ({ id: randomUUID(), text: text.trim() }));
          return repository.create({
            organisationId,
            courseId: course.id,
            version: version.version,
            position,
            kind: question.kind,
            text: question.text.trim(),
            options,
            correct: question.correctOptions.map((index) => options[index].id),
          });
        }),
      );
      Object.assign(version, { quizPassMark: input.passMarkPercent, quizQuestionsDrawn: input.questionsPerAttempt, quizMaxAttempts: input.maxAttempts });
      await manager.save(version);
      return { version, questions };
    });
  }

  /** The assignment, locked, if the caller is its assignee (their e-mail is the replica's); refused otherwise. */
  private async ownAssignment(manager: EntityManager, id: string, claims: Claims): Promise<AssignmentEntity> {
    const notFound = () => assignmentErrors.raise('ASSIGNMENT_NOT_FOUND', `assignment ${id} does not exist`);
    if (!isUUID(id)) throw notFound();
    const assignment = await manager
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id AND a.organisation_id = :organisationId', { id, organisationId: claims.organisationId })
      .getOne();
    if (!assignment) throw notFound();
    const person = await this.people.byId(manager, claims.organisationId, assignment.personId);
    if (!person || person.email.toLowerCase() !== claims.email.toLowerCase()) {
      throw assignmentErrors.raise('NOT_ASSIGNEE', 'only the assignee can take this course and its quiz');
    }
    return assignment;
  }

  private async state(manager: EntityManager, assignment: AssignmentEntity): Promise<QuizState> {
    const version = await versionOf(manager, assignment);
    if (!version) throw new Error(`course ${assignment.courseId} has no version ${assignment.courseVersion}`);
    const granted = await manager.countBy(QuizAttemptGrantEntity, { assignmentId: assignment.id });
    const openAttempt = await manager.findOneBy(QuizAttemptEntity, { assignmentId: assignment.id, submittedAt: IsNull() });
    return { assignment, version, granted, openAttempt };
  }

  private requireOpen(assignment: AssignmentEntity): void {
    if (!OPEN_ASSIGNMENT_STATUSES.includes(assignment.status)) {
      throw quizErrors.raise('ASSIGNMENT_NOT_OPEN', `assignment ${assignment.id} is ${assignment.status.toLowerCase()}: nothing is owed`);
    }
  }

  /** Marks the start of the course (IN_PROGRESS, startedAt) and pins the version in force; idempotent. */
  private async markStarted(manager: EntityManager, assignment: AssignmentEntity, context: EventContext): Promise<AssignmentEntity> {
    if (assignment.courseVersion == null) {
      const course = await manager.findOneByOrFail(CourseEntity, { id: assignment.courseId, organisationId: assignment.organisationId });
      assignment.courseVersion = course.currentVersion;
    }
    if (assignment.status === 'IN_PROGRESS' && assignment.startedAt) return manager.save(assignment);
    const wasAssigned = assignment.status === 'ASSIGNED';
    assignment.startedAt ??= new Date();
    // OVERDUE stays overdue (it is still late); ASSIGNED becomes IN_PROGRESS.
    if (wasAssigned) assignment.status = 'IN_PROGRESS';
    const saved = await manager.save(assignment);
    if (wasAssigned) await this.deps.outbox.record(manager, AssignmentChanged, saved.id, toAssignmentEventData(saved), context);
    return saved;
  }

  async player(assignmentId: string, claims: Claims): Promise<QuizState> {
    return this.deps.dataSource.transaction(async (manager) => this.state(manager, await this.ownAssignment(manager, assignmentId, claims)));
  }

  async startCourse(assignmentId: string, claims: Claims, context: EventContext): Promise<QuizState> {
    return this.deps.dataSource.transaction(async (manager) => {
      const assignment = await this.ownAssignment(manager, assignmentId, claims);
      this.requireOpen(assignment);
      return this.state(manager, await this.markStarted(manager, assignment, context));
    });
  }

  /**
   * Draws the questions of a new attempt and stores them with it (grading uses exactly these); an attempt already in
   * progress is returned as it was drawn. Refused when the course has no quiz or no attempt is left.
   */
  async startAttempt(assignmentId: string, claims: Claims, context: EventContext): Promise<StartedAttempt> {
    return this.deps.dataSource.transaction(async (manager) => {
      const own = await this.ownAssignment(manager, assignmentId, claims);
      this.requireOpen(own);
      const assignment = await this.markStarted(manager, own, context);
      const { version, granted, openAttempt } = await this.state(manager, assignment);
      if (version.quizPassMark == null || version.quizQuestionsDrawn == null || version.quizMaxAttempts == null) {
        throw quizErrors.raise('COURSE_HAS_NO_QUIZ', 'this course has no quiz: complete it with completeAssignment');
      }
      const left = attemptsLeft(version.quizMaxAttempts, granted, assignment.attemptCount);
      let attempt = openAttempt;
      if (!attempt) {
        if (left === 0) {
          throw quizErrors.raise('QUIZ_NO_ATTEMPTS_LEFT', `all ${version.quizMaxAttempts + granted} attempt(s) are used: ask your ISMS manager for another attempt`);
        }
        const pool = await manager.find(QuizQuestionEntity, { where: { courseId: assignment.courseId, version: version.version, organisationId: assignment.organisationId }, select: { id: true } });
        const repository = manager.getRepository(QuizAttemptEntity);
        attempt = await repository.save(
          repository.create({
            organisationId: assignment.organisationId,
            assignmentId: assignment.id,
            courseId: assignment.courseId,
            version: version.version,
            questionIds: drawQuestions(pool.map((question) => question.id), version.quizQuestionsDrawn),
            answers: null,
            score: null,
            passed: null,
            startedAt: new Date(),
            submittedAt: null,
          }),
        );
      }
      const questions = await this.questionsOf(manager, attempt);
      return { attempt, questions, passMark: version.quizPassMark, attemptsLeftAfter: Math.max(0, left - 1) };
    });
  }

  private async questionsOf(manager: EntityManager, attempt: QuizAttemptEntity): Promise<QuizQuestionEntity[]> {
    const rows = await manager.findBy(QuizQuestionEntity, { id: In(attempt.questionIds) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return attempt.questionIds.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Grades the answers against the questions drawn for the attempt. Answers that do not fit are refused, naming the
   * problem, and nothing is written. A pass completes the assignment (score, completedAt, AssignmentChanged through
   * the outbox); a fail uses up the attempt and leaves the assignment open.
   */
  async submitAttempt(input: SubmitQuizAttemptInput, claims: Claims, context: EventContext): Promise<SubmittedAttempt> {
    return this.deps.dataSource.transaction(async (manager) => {
      const attempt = await manager
        .getRepository(QuizAttemptEntity)
        .createQueryBuilder('q')
        .setLock('pessimistic_write')
        .where('q.id = :id AND q.organisation_id = :organisationId', { id: input.attemptId, organisationId: claims.organisationId })
        .getOne();
      if (!attempt) throw quizErrors.raise('QUIZ_ATTEMPT_NOT_FOUND', `quiz attempt ${input.attemptId} does not exist`);
      const assignment = await this.ownAssignment(manager, attempt.assignmentId, claims);
      if (attempt.submittedAt) throw quizErrors.raise('QUIZ_ATTEMPT_SUBMITTED', 'this attempt was submitted already: start a new attempt');
      this.requireOpen(assignment);
      const { version, granted } = await this.state(manager, assignment);
      const questions = (await this.questionsOf(manager, attempt)).map((question) => ({ ...question }));
      const problems = answerProblems(questions, input.answers);
      if (problems.length > 0) throw quizErrors.raise('QUIZ_ANSWERS_INVALID', problems.join('; '));
      const passMark = version.quizPassMark ?? 100;
      const result = grade(questions, input.answers, passMark);
      Object.assign(attempt, {
        answers: Object.fromEntries(input.answers.map((answer) => [answer.questionId, answer.optionIds])),
        score: result.score,
        passed: result.passed,
        submittedAt: new Date(),
      });
      await manager.save(attempt);
      assignment.attemptCount += 1;
      assignment.score = Math.max(assignment.score ?? 0, result.score);
      if (result.passed) {
        assignment.status = 'COMPLETED';
        assignment.completedAt = attempt.submittedAt;
        assignment.score = result.score;
      }
      const saved = await manager.save(assignment);
      await this.deps.outbox.record(manager, AssignmentChanged, saved.id, toAssignmentEventData(saved), context);
      return { attempt, assignment: saved, passMark, right: result.right, attemptsLeft: result.passed ? 0 : attemptsLeft(version.quizMaxAttempts ?? 1, granted, saved.attemptCount) };
    });
  }

  /** One more attempt for an assignee who used all theirs (a programme manager, never for their own assignment). */
  async grantAttempt(input: GrantQuizAttemptInput, claims: Claims): Promise<QuizState> {
    return this.deps.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOneBy(AssignmentEntity, { id: input.assignmentId, organisationId: claims.organisationId });
      if (!assignment) throw assignmentErrors.raise('ASSIGNMENT_NOT_FOUND', `assignment ${input.assignmentId} does not exist`);
      const person = await this.people.byId(manager, claims.organisationId, assignment.personId);
      if (person && person.email.toLowerCase() === claims.email.toLowerCase()) {
        throw assignmentErrors.raise('NOT_ASSIGNEE', 'nobody grants themselves another attempt: ask another ISMS manager');
      }
      this.requireOpen(assignment);
      const state = await this.state(manager, assignment);
      if (state.version.quizMaxAttempts == null) throw quizErrors.raise('COURSE_HAS_NO_QUIZ', 'this course has no quiz');
      if (attemptsLeft(state.version.quizMaxAttempts, state.granted, assignment.attemptCount) > 0) {
        throw quizErrors.raise('ATTEMPTS_REMAIN', 'the assignee still has attempts left');
      }
      await manager.save(
        manager.getRepository(QuizAttemptGrantEntity).create({
          organisationId: claims.organisationId,
          assignmentId: assignment.id,
          reason: input.reason.trim(),
          grantedBy: claims.sub,
          grantedAt: new Date(),
        }),
      );
      return { ...state, granted: state.granted + 1 };
    });
  }
}
