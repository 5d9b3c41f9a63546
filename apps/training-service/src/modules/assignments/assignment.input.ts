import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { AssignmentStatusType } from './assignment.type';

@InputType()
export class AssignCourseInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a valid calendar date' })
  dueOn: string;
}

@ArgsType()
export class AssignmentsArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}

@ArgsType()
export class AssignmentPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the assignments of this person (isms-service Person id).' })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the assignments of this course.' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the assignments a campaign enrolled.' })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId?: string | null;

  @Field(() => AssignmentStatusType, { nullable: true, description: 'Only assignments with this recorded status.' })
  @IsOptional()
  @IsEnum(AssignmentStatusType)
  status?: AssignmentStatusType | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only assignments not completed whose due date has passed (today, UTC); false: only the others; all when omitted.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}
