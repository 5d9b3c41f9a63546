import { IsBoolean, IsEmail, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
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

  @Field(() => String, { nullable: true, description: "The person's id in the HR system; unique per organisation." })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
}

@InputType({ description: 'Changes a person; omitted fields stay as they are, null clears an optional one.' })
export class UpdatePersonInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Moves the person to another unit; null leaves them without one.' })
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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
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

  @Field(() => ID, { nullable: true, description: 'People of this unit and, unless includeSubUnits is false, of all units below it.' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  includeSubUnits: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only deactivated (false) people; all when omitted.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => String, { nullable: true, description: 'Matches name, e-mail or external id, case-insensitive.' })
  @IsOptional()
  @Length(1, 200)
  search?: string;
}
