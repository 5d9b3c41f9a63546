import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { ImplementationStatusType } from '../soa/soa-entry.type';
import { ControlTestFrequencyType } from './control-implementation.type';

@InputType()
export class ControlImplementationFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The person accountable in this unit (an isms-service Person id).' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ImplementationStatusType)
  @IsEnum(ImplementationStatusType)
  status: ImplementationStatusType;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(5)
  maturity: number;

  @Field({ description: 'How the control is done in this unit.' })
  @IsString()
  @Length(0, 20_000)
  description: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20_000)
  testProcedure?: string | null;

  @Field(() => ControlTestFrequencyType, { nullable: true })
  @IsOptional()
  @IsEnum(ControlTestFrequencyType)
  testFrequency?: ControlTestFrequencyType | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not in the future.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'lastTestedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'lastTestedOn must be a real calendar date' })
  lastTestedOn?: string | null;
}

@InputType()
export class CreateControlImplementationInput extends ControlImplementationFieldsInput {
  @Field(() => ID, { description: 'Annex A control id, e.g. "A.8.13".' })
  @IsString()
  controlId: string;

  @Field(() => ID, { description: 'The organisation unit (department) in the approved ISMS scope.' })
  @IsUUID()
  unitId: string;
}

@ArgsType()
export class ControlImplementationPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only implementations in this organisation unit (isms-service OrgUnit id).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only implementations of this Annex A control, e.g. "A.8.13".' })
  @IsOptional()
  @IsString()
  controlId?: string | null;

  @Field(() => ImplementationStatusType, { nullable: true, description: 'Only implementations with this status.' })
  @IsOptional()
  @IsEnum(ImplementationStatusType)
  status?: ImplementationStatusType | null;
}
