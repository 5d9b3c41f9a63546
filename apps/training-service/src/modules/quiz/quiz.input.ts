import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { QuizQuestionKindType } from './quiz.type';

@InputType()
export class QuizQuestionInput {
  @Field(() => QuizQuestionKindType)
  @IsEnum(QuizQuestionKindType)
  kind: QuizQuestionKindType;

  @Field()
  @Length(1, 2000)
  text: string;

  @Field(() => [String], { description: 'The options, in the order shown.' })
  @IsArray()
  @ArrayMaxSize(12)
  options: string[];

  @Field(() => [Int], { description: 'Positions (0-based) of the correct options.' })
  @IsArray()
  correctOptions: number[];
}

@InputType({ description: "The quiz of the course's current version: its pool, how many questions each attempt draws, the pass mark and the attempts allowed." })
export class SetCourseQuizInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'passMarkPercent must be between 1 and 100' })
  @Max(100, { message: 'passMarkPercent must be between 1 and 100' })
  passMarkPercent: number;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'questionsPerAttempt must be at least 1' })
  questionsPerAttempt: number;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'maxAttempts must be at least 1' })
  @Max(20)
  maxAttempts: number;

  @Field(() => [QuizQuestionInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'a quiz needs at least one question' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  questions: QuizQuestionInput[];
}

@InputType()
export class QuizAnswerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId: string;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(12)
  optionIds: string[];
}

@InputType()
export class SubmitQuizAttemptInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'attemptId must be a UUID' })
  attemptId: string;

  @Field(() => [QuizAnswerInput])
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  answers: QuizAnswerInput[];
}

@InputType()
export class GrantQuizAttemptInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'assignmentId must be a UUID' })
  assignmentId: string;

  @Field()
  @Length(3, 1000, { message: 'reason must be 3 to 1000 characters' })
  reason: string;
}
