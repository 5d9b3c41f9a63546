import { AssignmentStatusType } from '../assignments/assignment.type';
import { CourseVersionEntity } from '../courses/course-version.entity';
import { QuizQuestionEntity } from './quiz-question.entity';
import { attemptsLeft } from './quiz.rules';
import { QuizState, StartedAttempt, SubmittedAttempt } from './quiz.service';
import { CoursePlayerType, CourseQuizType, QuizAttemptType, QuizOptionType, QuizPoolQuestionType, QuizQuestionKindType, QuizQuestionType, QuizResultType } from './quiz.type';

/** A question as the trainee sees it: the correct options are left out here, the one place questions leave the service for trainees. */
export function toQuizQuestionType(entity: QuizQuestionEntity): QuizQuestionType {
  return Object.assign(new QuizQuestionType(), {
    id: entity.id,
    kind: entity.kind as QuizQuestionKindType,
    text: entity.text,
    options: entity.options.map((option) => Object.assign(new QuizOptionType(), { id: option.id, text: option.text })),
  });
}

export function toCourseQuizType(version: CourseVersionEntity, questions: QuizQuestionEntity[]): CourseQuizType {
  return Object.assign(new CourseQuizType(), {
    courseId: version.courseId,
    version: version.version,
    passMarkPercent: version.quizPassMark ?? 0,
    questionsPerAttempt: version.quizQuestionsDrawn ?? 0,
    maxAttempts: version.quizMaxAttempts ?? 0,
    questions: questions.map((question) => Object.assign(new QuizPoolQuestionType(), toQuizQuestionType(question), { correctOptionIds: question.correct })),
  });
}

export function toQuizAttemptType(started: StartedAttempt): QuizAttemptType {
  return Object.assign(new QuizAttemptType(), {
    id: started.attempt.id,
    assignmentId: started.attempt.assignmentId,
    questions: started.questions.map(toQuizQuestionType),
    passMarkPercent: started.passMark,
    attemptsLeftAfter: started.attemptsLeftAfter,
    startedAt: started.attempt.startedAt,
  });
}

export function toQuizResultType(submitted: SubmittedAttempt): QuizResultType {
  return Object.assign(new QuizResultType(), {
    attemptId: submitted.attempt.id,
    assignmentId: submitted.assignment.id,
    score: submitted.attempt.score ?? 0,
    passed: submitted.attempt.passed ?? false,
    passMarkPercent: submitted.passMark,
    right: submitted.right,
    questionCount: submitted.attempt.questionIds.length,
    attemptsLeft: submitted.attemptsLeft,
    assignmentStatus: submitted.assignment.status as AssignmentStatusType,
  });
}

export function toCoursePlayerType(state: QuizState): CoursePlayerType {
  const { assignment, version } = state;
  const hasQuiz = version.quizPassMark != null;
  return Object.assign(new CoursePlayerType(), {
    assignmentId: assignment.id,
    courseId: assignment.courseId,
    courseVersion: version.version,
    status: assignment.status as AssignmentStatusType,
    hasQuiz,
    passMarkPercent: version.quizPassMark,
    questionsPerAttempt: version.quizQuestionsDrawn,
    attemptsUsed: assignment.attemptCount,
    attemptsLeft: hasQuiz ? attemptsLeft(version.quizMaxAttempts ?? 0, state.granted, assignment.attemptCount) : null,
    score: assignment.score,
    completedAt: assignment.completedAt,
    openAttemptId: state.openAttempt?.id ?? null,
  });
}
