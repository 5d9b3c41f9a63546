import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RequestEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'engagementId must be a UUID' })
  engagementId: string;

  @Field({ description: 'What is asked for, e.g. "Access review records of the card platform, Q3".' })
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 4000, { message: 'detail may be at most 4000 characters' })
  detail?: string | null;

  @Field(() => ID, { description: 'Who is asked (an active person).' })
  @IsUUID('all', { message: 'ownerPersonId must be a UUID' })
  ownerPersonId: string;

  @Field({ description: 'YYYY-MM-DD, not in the past.' })
  @IsISO8601({ strict: true }, { message: 'dueOn must be a date such as 2027-03-31' })
  dueOn: string;
}

@InputType()
export class AnswerAuditRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId: string;

  @Field()
  @Length(1, 4000, { message: 'note must be 1 to 4000 characters' })
  note: string;

  @Field(() => [ID], { description: 'The evidence items that answer the request: at least one.' })
  @ArrayMinSize(1, { message: 'evidenceIds must name at least one evidence item that answers the request' })
  @ArrayMaxSize(50, { message: 'evidenceIds may name at most 50 evidence items' })
  @IsUUID('all', { each: true, message: 'each evidence id must be a UUID' })
  evidenceIds: string[];
}

@InputType()
export class DecideAuditRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be a UUID' })
  requestId: string;

  @Field()
  accept: boolean;

  @Field(() => String, { nullable: true, description: 'Required when sending the answer back: what is missing.' })
  @IsOptional()
  @Length(0, 4000, { message: 'reason may be at most 4000 characters' })
  reason?: string | null;
}
