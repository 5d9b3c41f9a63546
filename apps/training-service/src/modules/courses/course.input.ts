import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CourseContentKindType, CourseKindType } from './course.type';

@InputType()
export class CreateCourseInput {
  @Field()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 5000)
  description?: string | null;

  @Field(() => CourseKindType)
  @IsEnum(CourseKindType)
  kind: CourseKindType;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(10_000)
  durationMinutes: number;

  @Field(() => CourseContentInput, { nullable: true, description: 'What the trainee reads; version 1 of the course.' })
  @IsOptional()
  content?: CourseContentInput | null;
}

@InputType({ description: 'Course content: Markdown text, an evidence file (its id), or an https link; exactly the field of the kind.' })
export class CourseContentInput {
  @Field(() => CourseContentKindType)
  @IsEnum(CourseContentKindType)
  kind: CourseContentKindType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200_000)
  markdown?: string | null;

  @Field(() => ID, { nullable: true, description: 'An evidence file id (GET /evidence/files/:id through the gateway).' })
  @IsOptional()
  @IsUUID('all', { message: 'fileId must be a UUID' })
  fileId?: string | null;

  @Field(() => String, { nullable: true, description: 'https only.' })
  @IsOptional()
  @Length(1, 2000)
  url?: string | null;
}

@InputType()
export class PublishCourseVersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId: string;

  @Field(() => CourseContentInput, { nullable: true, description: 'The new content; omitted: the content of the current version is kept.' })
  @IsOptional()
  content?: CourseContentInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  changeNote?: string | null;

  @Field({ description: 'Everyone who completed an older version gets a new assignment of this version.' })
  @IsBoolean()
  retakeRequired: boolean;

  @Field(() => Int, { nullable: true, description: 'Days from now until the retake is due (required with retakeRequired).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'retakeDueInDays must be at least 1' })
  @Max(3650)
  retakeDueInDays?: number | null;
}
