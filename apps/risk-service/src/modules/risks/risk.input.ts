import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { RiskTreatmentType } from './risk.type';

/** The scale of the default methodology; a configurable methodology (scales, matrix, appetite) replaces it later. */
export const LIKELIHOOD_MAX = 5;
export const IMPACT_MAX = 5;

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

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: `inherentLikelihood must be between 1 and ${LIKELIHOOD_MAX}` })
  @Max(LIKELIHOOD_MAX, { message: `inherentLikelihood must be between 1 and ${LIKELIHOOD_MAX}` })
  inherentLikelihood: number;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: `inherentImpact must be between 1 and ${IMPACT_MAX}` })
  @Max(IMPACT_MAX, { message: `inherentImpact must be between 1 and ${IMPACT_MAX}` })
  inherentImpact: number;
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

@ArgsType()
export class RiskArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
