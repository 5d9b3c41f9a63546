import { IsEnum, IsISO8601, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { CycleStageType } from './certification.type';

@InputType()
export class CreateCertificationCycleInput {
  @Field()
  @Length(1, 200, { message: 'certificationBody must be 1 to 200 characters' })
  certificationBody: string;

  @Field(() => ID, { description: 'The approved ISMS scope version to certify (isms-service scope id); it must be the one in force.' })
  @IsUUID('all', { message: 'scopeId must be a UUID' })
  scopeId: string;

  @Field(() => ID, { nullable: true, description: 'Who is reminded of the dates (an active person).' })
  @IsOptional()
  @IsUUID('all', { message: 'contactPersonId must be a UUID' })
  contactPersonId?: string | null;
}

@InputType()
export class LinkCycleEngagementInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'cycleId must be a UUID' })
  cycleId: string;

  @Field(() => CycleStageType)
  @IsEnum(CycleStageType)
  stage: CycleStageType;

  @Field(() => ID, { description: 'An engagement of the matching type (a STAGE_1 engagement for STAGE_1, SURVEILLANCE for either surveillance, …).' })
  @IsUUID('all', { message: 'engagementId must be a UUID' })
  engagementId: string;
}

@InputType()
export class RecommendCertificationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'cycleId must be a UUID' })
  cycleId: string;

  @Field()
  @Length(1, 4000, { message: 'comment must be 1 to 4000 characters' })
  comment: string;
}

@InputType()
export class RecordCertificateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'cycleId must be a UUID' })
  cycleId: string;

  @Field()
  @Length(1, 100, { message: 'certificateNumber must be 1 to 100 characters' })
  certificateNumber: string;

  @Field({ description: 'YYYY-MM-DD, not in the future.' })
  @IsISO8601({ strict: true }, { message: 'issuedOn must be a date such as 2027-03-15' })
  issuedOn: string;
}

@ArgsType()
export class CalendarArgs {
  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a date such as 2027-01-01' })
  from: string;

  @Field({ description: 'YYYY-MM-DD, at most five years after from.' })
  @IsISO8601({ strict: true }, { message: 'to must be a date such as 2027-12-31' })
  to: string;
}
