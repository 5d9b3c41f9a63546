import { ArrayMaxSize, ArrayMinSize, IsEmail, IsISO8601, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Gives an external auditor access to one engagement: the units in scope, the observation period and an expiry.' })
export class GrantAuditorAccessInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'engagementId must be a UUID' })
  engagementId: string;

  @Field()
  @Length(1, 200)
  auditorName: string;

  @Field({ description: 'The auditor signs in with this address (at the identity provider, or through the invitation).' })
  @IsEmail({}, { message: 'auditorEmail must be an e-mail address' })
  @Length(3, 320)
  auditorEmail: string;

  @Field({ description: 'The certification body or audit firm.' })
  @Length(1, 200)
  firm: string;

  @Field(() => [ID], { description: 'Units in scope (each with its sub-units).' })
  @ArrayMinSize(1, { message: 'unitIds: name at least one unit in scope' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each of unitIds must be a UUID' })
  unitIds: string[];

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'periodStart must be a date, YYYY-MM-DD' })
  periodStart: string;

  @Field({ description: 'YYYY-MM-DD, on or after periodStart' })
  @Matches(DATE, { message: 'periodEnd must be a date, YYYY-MM-DD' })
  periodEnd: string;

  @Field({ description: 'When the access ends (ISO 8601 date-time), in the future and at most a year ahead.' })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt: string;
}

@ArgsType()
export class AuditGrantsArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'engagementId must be a UUID' })
  engagementId?: string;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'grantId must be a UUID' })
  grantId: string;
}
