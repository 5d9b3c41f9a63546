import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';
import { ContextIssueCategoryType, ObligationKindType, ObligationStatusType } from './context.type';

@InputType()
export class CreateContextIssueInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field({ defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field(() => ContextIssueCategoryType)
  @IsEnum(ContextIssueCategoryType)
  category: ContextIssueCategoryType;

  @Field({ defaultValue: '', description: 'How the issue affects the ISMS.' })
  @Length(0, 5000)
  impact: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;
}

@InputType({ description: 'Omitted fields stay as they are; null clears an optional one.' })
export class UpdateContextIssueInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string;

  @Field(() => ContextIssueCategoryType, { nullable: true })
  @IsOptional()
  @IsEnum(ContextIssueCategoryType)
  category?: ContextIssueCategoryType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  impact?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;
}

@InputType()
export class CreateInterestedPartyInput {
  @Field()
  @Length(1, 300)
  name: string;

  @Field({ defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  requirements: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;
}

@InputType()
export class UpdateInterestedPartyInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  requirements?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;
}

@InputType()
export class CreateObligationInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field({ defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field(() => ObligationKindType)
  @IsEnum(ObligationKindType)
  kind: ObligationKindType;

  @Field({ description: 'Jurisdiction or source: a statute, a regulator, a contract.' })
  @Length(1, 300)
  source: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;

  @Field(() => ObligationStatusType, { defaultValue: ObligationStatusType.IDENTIFIED })
  @IsEnum(ObligationStatusType)
  status: ObligationStatusType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  interestedPartyId?: string | null;
}

@InputType()
export class UpdateObligationInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string;

  @Field(() => ObligationKindType, { nullable: true })
  @IsOptional()
  @IsEnum(ObligationKindType)
  kind?: ObligationKindType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  source?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;

  @Field(() => ObligationStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(ObligationStatusType)
  status?: ObligationStatusType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  interestedPartyId?: string | null;
}

@ArgsType()
export class ReviewsDueArgs {
  @Field({ description: 'Items with a review date before this day (YYYY-MM-DD).' })
  @IsCalendarDate()
  before: string;
}
