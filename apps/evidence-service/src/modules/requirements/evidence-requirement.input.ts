import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { EvidenceFrequencyType } from './evidence-requirement.type';

@ArgsType()
export class EvidenceRequirementsArgs {
  @Field(() => ID, { nullable: true, description: 'Only the requirements of this Annex A control, e.g. "A.5.15".' })
  @IsOptional()
  @IsString()
  controlId?: string | null;

  @Field({ defaultValue: false, description: 'Include retired requirements.' })
  @IsBoolean()
  includeRetired: boolean;
}

@InputType()
export class AddEvidenceRequirementInput {
  @Field(() => ID, { description: 'Annex A control id, e.g. "A.5.15".' })
  @IsString()
  @Matches(/^A\.\d+\.\d+$/, { message: 'controlId must look like A.5.15' })
  controlId: string;

  @Field()
  @IsString()
  @Length(1, 500)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => EvidenceFrequencyType)
  @IsEnum(EvidenceFrequencyType)
  frequency: EvidenceFrequencyType;
}

@InputType()
export class ChangeEvidenceRequirementInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => EvidenceFrequencyType, { nullable: true, description: 'A new frequency applies to requests opened from now on.' })
  @IsOptional()
  @IsEnum(EvidenceFrequencyType)
  frequency?: EvidenceFrequencyType | null;
}
