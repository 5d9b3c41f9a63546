import { ArrayMaxSize, ArrayMinSize, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ControlThemeType } from '../catalogue/control.type';
import { GapItemKindType, GapStatusType } from './gap-assessment.type';

@InputType({ description: 'An assessment (or questionnaire answer) of one clause requirement or Annex A control.' })
export class GapAssessmentInput {
  @Field(() => ID, { description: 'A clause requirement ("6.1.2") or an Annex A control ("A.5.1").' })
  @IsString()
  @MaxLength(20)
  itemId: string;

  @Field(() => GapStatusType)
  @IsEnum(GapStatusType)
  status: GapStatusType;

  @Field({ description: 'What exists today.' })
  @Length(1, 10_000)
  currentState: string;

  @Field(() => String, { nullable: true, description: 'What is missing; required unless FULLY in place.' })
  @IsOptional()
  @MaxLength(10_000)
  gap?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  remediationAction?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person (isms-service) who owns the remediation.' })
  @IsOptional()
  @IsUUID('all', { message: 'remediationOwnerId must be a UUID' })
  remediationOwnerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'remediationDueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'remediationDueOn must be a valid calendar date' })
  remediationDueOn?: string | null;
}

@InputType()
export class AnswerGapQuestionnaireInput {
  @Field(() => [GapAssessmentInput])
  @ArrayMinSize(1, { message: 'answers must contain at least one answer' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  answers: GapAssessmentInput[];
}

@ArgsType()
export class GapAssessmentsArgs {
  @Field(() => GapItemKindType, { nullable: true })
  @IsOptional()
  @IsEnum(GapItemKindType)
  kind?: GapItemKindType;

  @Field(() => Int, { nullable: true, description: 'Only requirements of this clause (4 … 10).' })
  @IsOptional()
  clause?: number;

  @Field(() => ControlThemeType, { nullable: true, description: 'Only controls of this theme.' })
  @IsOptional()
  @IsEnum(ControlThemeType)
  theme?: ControlThemeType;

  @Field(() => GapStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(GapStatusType)
  status?: GapStatusType;
}
