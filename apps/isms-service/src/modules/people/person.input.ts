import { IsEmail, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreatePersonInput {
  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  managerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  jobRole?: string | null;
}

@ArgsType()
export class PeopleArgs {
  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @Field(() => String, { nullable: true, description: 'Matches name or e-mail, case-insensitive.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}
