import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { RiskActionStatusType, RiskAssessmentKindType, RiskSortDirection, RiskSortField, RiskStatusType, RiskTreatmentType } from './risk.type';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIKELIHOOD_MESSAGE = { message: 'likelihood and impact are positive integers on the scales of the methodology' };

@InputType()
export class CreateRiskInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2_000)
  threat?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2_000)
  vulnerability?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person known from isms-service.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'An organisation unit id of isms-service.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Assets of the inventory this risk concerns.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  assetIds?: string[] | null;

  @Field(() => Int, { description: 'A value of the likelihood scale of the current methodology.' })
  @IsInt()
  @Min(1, { message: `inherentLikelihood: ${LIKELIHOOD_MESSAGE.message}` })
  inherentLikelihood: number;

  @Field(() => Int, { description: 'A value of the impact scale of the current methodology.' })
  @IsInt()
  @Min(1, { message: `inherentImpact: ${LIKELIHOOD_MESSAGE.message}` })
  inherentImpact: number;

  @Field(() => String, { nullable: true, description: 'yyyy-mm-dd' })
  @IsOptional()
  @Matches(DATE, { message: 'nextReviewOn must be a date yyyy-mm-dd' })
  nextReviewOn?: string | null;
}

@InputType({ description: 'Changes a risk\'s details; fields left out stay as they are, null clears an optional one.' })
export class UpdateRiskInput {
  @Field(() => ID)
  @IsUUID()
  riskId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2_000)
  threat?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2_000)
  vulnerability?: string | null;

  @Field(() => ID, { nullable: true, description: 'A new owner (set by a programme manager only) voids an existing acceptance of the residual risk.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked assets.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  assetIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'yyyy-mm-dd' })
  @IsOptional()
  @Matches(DATE, { message: 'nextReviewOn must be a date yyyy-mm-dd' })
  nextReviewOn?: string | null;

  @Field(() => RiskStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(RiskStatusType)
  status?: RiskStatusType | null;
}

@InputType()
export class TreatRiskInput {
  @Field(() => ID)
  @IsUUID()
  riskId: string;

  @Field(() => RiskTreatmentType)
  @IsEnum(RiskTreatmentType)
  treatment: RiskTreatmentType;

  @Field({ description: 'Why this treatment was chosen; required.' })
  @Length(1, 10_000, { message: 'rationale is required' })
  rationale: string;

  @Field(() => [String], { description: 'Annex A control ids (e.g. "A.8.13"); at least one when the treatment is MODIFY.' })
  @ArrayMaxSize(93)
  @IsString({ each: true })
  controlIds: string[];
}

@InputType({ description: 'Records a new assessment under the current methodology version; earlier ones stay in the history.' })
export class ReassessRiskInput {
  @Field(() => ID)
  @IsUUID()
  riskId: string;

  @Field(() => RiskAssessmentKindType)
  @IsEnum(RiskAssessmentKindType)
  kind: RiskAssessmentKindType;

  @Field(() => Int)
  @IsInt()
  likelihood: number;

  @Field(() => Int)
  @IsInt()
  impact: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5_000)
  note?: string | null;
}

@InputType()
export class AcceptResidualRiskInput {
  @Field(() => ID)
  @IsUUID()
  riskId: string;

  @Field({ description: 'Why the owner accepts the residual risk; required.' })
  @Length(1, 5_000, { message: 'an acceptance needs a note saying why the residual risk is acceptable' })
  note: string;
}

@InputType()
export class AddRiskActionInput {
  @Field(() => ID)
  @IsUUID()
  riskId: string;

  @Field()
  @Length(1, 500)
  title: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field({ description: 'yyyy-mm-dd' })
  @Matches(DATE, { message: 'dueOn must be a date yyyy-mm-dd' })
  dueOn: string;

  @Field(() => RiskActionStatusType, { defaultValue: RiskActionStatusType.PLANNED })
  @IsEnum(RiskActionStatusType)
  status: RiskActionStatusType;
}

@InputType()
export class UpdateRiskActionInput {
  @Field(() => ID)
  @IsUUID()
  actionId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  title?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'dueOn must be a date yyyy-mm-dd' })
  dueOn?: string | null;

  @Field(() => RiskActionStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(RiskActionStatusType)
  status?: RiskActionStatusType | null;
}

@InputType()
export class RiskFilterInput {
  @Field(() => RiskStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(RiskStatusType)
  status?: RiskStatusType | null;

  @Field(() => RiskTreatmentType, { nullable: true })
  @IsOptional()
  @IsEnum(RiskTreatmentType)
  treatment?: RiskTreatmentType | null;

  @Field(() => Boolean, { nullable: true, description: 'true: risks not treated yet.' })
  @IsOptional()
  @IsBoolean()
  untreated?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assetId?: string | null;

  @Field(() => String, { nullable: true, description: 'Current level (residual when assessed, else inherent).' })
  @IsOptional()
  @Length(1, 30)
  level?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  needsAcceptance?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words in the title, threat or vulnerability.' })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;
}

@ArgsType()
export class RiskRegisterArgs {
  @Field(() => RiskFilterInput, { nullable: true })
  @IsOptional()
  filter?: RiskFilterInput | null;

  @Field(() => RiskSortField, { defaultValue: RiskSortField.SCORE })
  @IsEnum(RiskSortField)
  sort: RiskSortField;

  @Field(() => RiskSortDirection, { nullable: true, description: 'Defaults: SCORE and UPDATED descending, TITLE and DUE ascending.' })
  @IsOptional()
  @IsEnum(RiskSortDirection)
  direction?: RiskSortDirection | null;

  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(500, { message: 'first must be between 1 and 500' })
  first: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Skip this many (instead of a cursor).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number | null;
}

@ArgsType()
export class RiskArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
