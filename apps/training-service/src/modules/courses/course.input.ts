import { IsEnum, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { CourseKindType } from './course.type';

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
}
