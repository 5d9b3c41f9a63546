import { ArrayMaxSize, IsISO8601, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateManagementReviewInput {
  @Field()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'heldOn must be a date such as 2027-03-15' })
  heldOn: string;
}

@InputType()
export class ReviewActionInput {
  @Field()
  @Length(1, 2000, { message: 'each action description must be 1 to 2000 characters' })
  description: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'ownerPersonId must be a UUID' })
  ownerPersonId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a date such as 2027-06-30' })
  dueOn: string;
}

@InputType({ description: 'The outcome of a review (clause 9.3.3): decisions, actions and notes, replacing those recorded before.' })
export class RecordManagementReviewInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => [String])
  @ArrayMaxSize(100)
  @Length(1, 2000, { each: true, message: 'each decision must be 1 to 2000 characters' })
  decisions: string[];

  @Field(() => [ReviewActionInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  actions: ReviewActionInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 8000, { message: 'notes may be at most 8000 characters' })
  notes?: string | null;
}
