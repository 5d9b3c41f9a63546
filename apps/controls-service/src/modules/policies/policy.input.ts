import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { PolicyApproverRoleType, PolicyStateType } from './policy.type';

export enum PolicyVersionBumpType {
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
}
registerEnumType(PolicyVersionBumpType, {
  name: 'PolicyVersionBump',
  description: 'MAJOR: a change everyone in the audience must acknowledge again; MINOR: a correction that needs no re-acknowledgement.',
});

@InputType({ description: 'Everyone, or the people of some units and/or job roles.' })
export class PolicyAudienceInput {
  @Field({ defaultValue: false })
  @IsBoolean()
  everyone: boolean;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each unit id must be a UUID' })
  unitIds: string[];

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true, message: 'a job role has at most 100 characters' })
  jobRoles: string[];
}

@InputType({ description: 'An uploaded document: base64 bytes, with the SHA-256 the client computed to detect corruption (optional).' })
export class PolicyFileInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field()
  @Length(3, 120)
  contentType: string;

  @Field()
  @IsString()
  contentBase64: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits' })
  sha256?: string | null;
}

@InputType({ description: 'The content of a version: Markdown text or an uploaded file (exactly one).' })
export class PolicyContentInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500_000)
  body?: string | null;

  @Field(() => PolicyFileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  file?: PolicyFileInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2_000)
  changeSummary?: string | null;
}

@InputType()
export class CreatePolicyInput {
  @Field()
  @Length(1, 200)
  title: string;

  @Field(() => PolicyApproverRoleType)
  @IsEnum(PolicyApproverRoleType)
  approverRole: PolicyApproverRoleType;

  @Field(() => PolicyAudienceInput)
  @ValidateNested()
  audience: PolicyAudienceInput;

  @Field(() => [ID], { defaultValue: [], description: 'Annex A controls the policy supports, e.g. "A.5.1".' })
  @ArrayMaxSize(93)
  @IsString({ each: true })
  controlIds: string[];

  @Field(() => Int, { defaultValue: 12 })
  @IsInt()
  @Min(1)
  @Max(36)
  reviewIntervalMonths: number;

  @Field(() => PolicyContentInput, { description: 'The content of the first draft, version 1.0.' })
  @ValidateNested()
  content: PolicyContentInput;
}

@InputType({ description: 'Changes to a policy\'s settings; they apply from the next publication. Omitted fields stay.' })
export class UpdatePolicyInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string | null;

  @Field(() => PolicyApproverRoleType, { nullable: true })
  @IsOptional()
  @IsEnum(PolicyApproverRoleType)
  approverRole?: PolicyApproverRoleType | null;

  @Field(() => PolicyAudienceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  audience?: PolicyAudienceInput | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(93)
  @IsString({ each: true })
  controlIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  reviewIntervalMonths?: number | null;
}

@InputType()
export class DraftPolicyVersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'policyId must be a UUID' })
  policyId: string;

  @Field(() => PolicyVersionBumpType)
  @IsEnum(PolicyVersionBumpType)
  bump: PolicyVersionBumpType;

  @Field(() => PolicyContentInput)
  @ValidateNested()
  content: PolicyContentInput;
}

@ArgsType()
export class PoliciesArgs {
  @Field(() => PolicyStateType, { nullable: true })
  @IsOptional()
  @IsEnum(PolicyStateType)
  state?: PolicyStateType;

  @Field(() => ID, { nullable: true, description: 'Only policies linked to this Annex A control.' })
  @IsOptional()
  @IsString()
  controlId?: string;
}

@ArgsType()
export class PolicyPageArgs extends PageArgs {
  @Field(() => PolicyStateType, { nullable: true, description: 'Only policies in this state.' })
  @IsOptional()
  @IsEnum(PolicyStateType)
  state?: PolicyStateType | null;

  @Field(() => ID, { nullable: true, description: 'Only policies linked to this Annex A control, e.g. "A.5.1".' })
  @IsOptional()
  @IsString()
  controlId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only policies whose title contains this text, ignoring case.' })
  @IsOptional()
  @Length(1, 200, { message: 'search must be 1 to 200 characters' })
  search?: string | null;
}

@ArgsType()
export class PoliciesDueForReviewArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Include reviews due within this many days from today (overdue ones always).' })
  @IsInt()
  @Min(0)
  @Max(3660)
  withinDays: number;
}
