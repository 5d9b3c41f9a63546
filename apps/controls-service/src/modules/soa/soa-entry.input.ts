import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ImplementationStatusType, SoaReasonType } from './soa-entry.type';

@InputType()
export class SetControlApplicabilityInput {
  @Field(() => ID, { description: 'Annex A control id, e.g. "A.5.23".' })
  @IsString()
  controlId: string;

  @Field()
  @IsBoolean()
  applicable: boolean;

  @Field(() => [SoaReasonType], { defaultValue: [] })
  @ArrayMaxSize(4)
  @IsEnum(SoaReasonType, { each: true })
  reasons: SoaReasonType[];

  @Field(() => String, { nullable: true, description: 'Required (non-empty) when the control is not applicable.' })
  @IsOptional()
  @Length(0, 10_000)
  justification?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the decision changed (shown in version diffs); a summary of the change when omitted.' })
  @IsOptional()
  @Length(1, 2_000)
  changeReason?: string | null;
}

@InputType({ description: 'Changes the details of an SoA entry; fields left out stay as they are.' })
export class UpdateSoaEntryInput {
  @Field(() => ID, { description: 'Annex A control id, e.g. "A.5.23".' })
  @IsString()
  controlId: string;

  @Field(() => ImplementationStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(ImplementationStatusType)
  implementationStatus?: ImplementationStatusType | null;

  @Field(() => [ID], { nullable: true, description: 'The accountable people (isms-service Person ids), first is the lead owner.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  ownerIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  policyIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  evidenceIds?: string[] | null;

  @Field({ description: 'Why (shown in version diffs).' })
  @IsString()
  @Length(1, 2_000)
  changeReason: string;
}

@InputType({ description: 'One row of a Statement of Applicability made against ISO/IEC 27001:2013.' })
export class Soa2013EntryInput {
  @Field({ description: 'The 2013 Annex A id, e.g. "A.12.3.1" (or "12.3.1").' })
  @IsString()
  @Matches(/^(A\.)?\d+\.\d+\.\d+$/, { message: 'control2013Id must look like A.12.3.1' })
  control2013Id: string;

  @Field()
  @IsBoolean()
  applicable: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  justification?: string | null;
}

@InputType()
export class CarryOverSoa2013Input {
  @Field(() => [Soa2013EntryInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  entries: Soa2013EntryInput[];

  @Field(() => SoaReasonType, { defaultValue: SoaReasonType.BUSINESS, description: 'The reason recorded for carried-over inclusions (LEGAL, CONTRACTUAL or BUSINESS).' })
  @IsEnum(SoaReasonType)
  inclusionReason: SoaReasonType;

  @Field({ defaultValue: false, description: 'false: only propose; true: apply the proposal (refused while there are conflicts).' })
  @IsBoolean()
  apply: boolean;
}
