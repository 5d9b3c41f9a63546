import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

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
