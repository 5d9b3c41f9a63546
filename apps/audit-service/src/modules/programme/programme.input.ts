import { ArrayMaxSize, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'What an engagement audits and who audits it; the whole plan, replacing the one before.' })
export class PlanEngagementInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => [ID], { description: 'Units audited, each with its sub-units.' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each unit id must be a UUID' })
  unitIds: string[];

  @Field(() => [String], { description: 'Clauses audited: a whole clause ("9") or a requirement ("9.2", "6.1.2").' })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 10, { each: true, message: 'each clause is like 9 or 9.2' })
  clauses: string[];

  @Field(() => [String], { description: 'Annex A controls audited, e.g. "A.8.13".' })
  @ArrayMaxSize(93)
  @IsString({ each: true })
  @Length(5, 7, { each: true, message: 'each control is like A.8.13' })
  controlIds: string[];

  @Field(() => ID, { nullable: true, description: 'The lead auditor as a person of the organisation (an internal audit).' })
  @IsOptional()
  @IsUUID('all', { message: 'leadAuditorPersonId must be a UUID' })
  leadAuditorPersonId?: string | null;

  @Field(() => [ID], { description: 'The rest of the audit team.' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each team member id must be a UUID' })
  teamPersonIds: string[];
}

@ArgsType()
export class ProgrammeArgs {
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD; default: the certificate's issue date, or today." })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date such as 2027-01-01' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default: the certificate\'s expiry, or three years after from.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date such as 2029-12-31' })
  to?: string | null;
}
