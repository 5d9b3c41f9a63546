import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AssignmentStatusType } from '../assignments/assignment.type';

export enum QuizQuestionKindType {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
}
registerEnumType(QuizQuestionKindType, { name: 'QuizQuestionKind', description: 'One correct option, or several (all of them needed).' });

@ObjectType('QuizOption')
export class QuizOptionType {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;
}

@ObjectType('QuizQuestion', { description: 'A question as the trainee sees it: never which options are correct.' })
export class QuizQuestionType {
  @Field(() => ID)
  id: string;

  @Field(() => QuizQuestionKindType)
  kind: QuizQuestionKindType;

  @Field()
  text: string;

  @Field(() => [QuizOptionType])
  options: QuizOptionType[];
}

@ObjectType('QuizPoolQuestion', { description: 'A question of the pool with its correct options, for the ISMS manager who keeps the quiz.' })
export class QuizPoolQuestionType extends QuizQuestionType {
  @Field(() => [ID])
  correctOptionIds: string[];
}

@ObjectType('CourseQuiz', { description: "The quiz of a course version, as its editor sees it." })
export class CourseQuizType {
  @Field(() => ID)
  courseId: string;

  @Field(() => Int)
  version: number;

  @Field(() => Int)
  passMarkPercent: number;

  @Field(() => Int)
  questionsPerAttempt: number;

  @Field(() => Int)
  maxAttempts: number;

  @Field(() => [QuizPoolQuestionType])
  questions: QuizPoolQuestionType[];
}

@ObjectType('QuizAttempt', { description: 'An attempt in progress: the questions drawn for it, without answers.' })
export class QuizAttemptType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  assignmentId: string;

  @Field(() => [QuizQuestionType])
  questions: QuizQuestionType[];

  @Field(() => Int)
  passMarkPercent: number;

  @Field(() => Int, { description: 'Attempts left after this one.' })
  attemptsLeftAfter: number;

  @Field()
  startedAt: Date;
}

@ObjectType('QuizResult', { description: 'The outcome of a submitted attempt.' })
export class QuizResultType {
  @Field(() => ID)
  attemptId: string;

  @Field(() => ID)
  assignmentId: string;

  @Field(() => Int)
  score: number;

  @Field()
  passed: boolean;

  @Field(() => Int)
  passMarkPercent: number;

  @Field(() => Int, { description: 'Questions answered right, of those drawn.' })
  right: number;

  @Field(() => Int)
  questionCount: number;

  @Field(() => Int)
  attemptsLeft: number;

  @Field(() => AssignmentStatusType)
  assignmentStatus: AssignmentStatusType;
}

@ObjectType('CoursePlayer', { description: "What the trainee needs to take an assigned course: its content, the quiz's rules and where they stand." })
export class CoursePlayerType {
  @Field(() => ID)
  assignmentId: string;

  @Field(() => ID)
  courseId: string;

  @Field(() => Int)
  courseVersion: number;

  @Field(() => AssignmentStatusType)
  status: AssignmentStatusType;

  @Field()
  hasQuiz: boolean;

  @Field(() => Int, { nullable: true })
  passMarkPercent: number | null;

  @Field(() => Int, { nullable: true })
  questionsPerAttempt: number | null;

  @Field(() => Int)
  attemptsUsed: number;

  @Field(() => Int, { nullable: true, description: 'Null when the course has no quiz.' })
  attemptsLeft: number | null;

  @Field(() => Int, { nullable: true, description: 'The best score so far.' })
  score: number | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The attempt in progress, if any (start it again to see its questions).' })
  openAttemptId: string | null;
}
