import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { CampaignRecurrenceType, CampaignStatusType } from './campaign.type';

@InputType({ description: 'Whom a campaign addresses: everyone, units (each with its sub-units) and/or job roles.' })
export class CampaignAudienceInput {
  @Field(() => Boolean, { nullable: true, description: 'Everyone active in the organisation.' })
  @IsOptional()
  @IsBoolean()
  everyone?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Organisation units; each includes its sub-units.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each unit id must be a UUID' })
  unitIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Job roles (compared trimmed and ignoring case).' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  jobRoles?: string[] | null;
}

@InputType()
export class CreateCampaignInput extends CampaignAudienceInput {
  @Field()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId: string;

  @Field(() => Int, { description: 'Days after enrolment the course is due (1 or more: a due date is never in the past).' })
  @IsInt()
  @Min(1, { message: 'dueDays must be at least 1: a due date in the past or today cannot be met' })
  @Max(3650, { message: 'dueDays may be at most 3650' })
  dueDays: number;

  @Field(() => CampaignRecurrenceType, { nullable: true, description: 'NONE (default), YEARLY, or MONTHS with recurrenceMonths.' })
  @IsOptional()
  @IsEnum(CampaignRecurrenceType)
  recurrence?: CampaignRecurrenceType | null;

  @Field(() => Int, { nullable: true, description: 'Every how many months a MONTHS campaign opens its next round.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  recurrenceMonths?: number | null;
}

@ArgsType()
export class CampaignsArgs {
  @Field(() => CampaignStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(CampaignStatusType)
  status?: CampaignStatusType | null;
}

@InputType()
export class ExemptAssignmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'assignmentId must be a UUID' })
  assignmentId: string;

  @Field({ description: 'Why the person need not take the course (required).' })
  @IsString()
  @MaxLength(1000)
  reason: string;
}
