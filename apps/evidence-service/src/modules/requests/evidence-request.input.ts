import { ArrayMaxSize, IsArray, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { EvidenceRequestAssigneeType, EvidenceRequestStatusType } from './evidence-request.type';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class EvidenceRequestFilterInput {
  @Field(() => EvidenceRequestStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(EvidenceRequestStatusType)
  status?: EvidenceRequestStatusType | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^A\.\d+\.\d+$/, { message: 'controlId must be an Annex A control id such as A.5.15' })
  controlId?: string | null;

  @Field(() => EvidenceRequestAssigneeType, { nullable: true, description: 'ME: only those assigned to the caller.' })
  @IsOptional()
  @IsEnum(EvidenceRequestAssigneeType)
  assignee?: EvidenceRequestAssigneeType | null;

  @Field(() => String, { nullable: true, description: 'Only requests due before this day (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(DAY, { message: 'dueBefore must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a valid calendar date' })
  dueBefore?: string | null;
}

@ArgsType()
export class EvidenceRequestsArgs extends PageArgs {
  @Field(() => EvidenceRequestFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: EvidenceRequestFilterInput | null;
}

@InputType()
export class OpenEvidenceRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requirementId must be a UUID' })
  requirementId: string;

  @Field(() => ID, { description: 'The department (isms-service OrgUnit id).' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @Field({ description: 'YYYY-MM-DD, today or later.' })
  @Matches(DAY, { message: 'dueDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a valid calendar date' })
  dueDate: string;

  @Field(() => ID, { nullable: true, description: "The person asked; the control's owner in the department when omitted." })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a UUID' })
  assigneeId?: string | null;
}

@InputType()
export class SubmitEvidenceRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId: string;

  @Field(() => [ID], { description: 'At least one evidence item of the same department.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each evidence id must be a UUID' })
  evidenceIds: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string | null;
}

@InputType()
export class DecideEvidenceRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId: string;

  @Field(() => String, { nullable: true, description: 'Required when asking for changes.' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string | null;
}

@InputType()
export class CommentOnEvidenceRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId: string;

  @Field()
  @IsString()
  @Length(1, 5000)
  text: string;
}
