import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CampaignStatusType {
  DRAFT = 'DRAFT',
  ENROLLING = 'ENROLLING',
  LAUNCHED = 'LAUNCHED',
  CLOSED = 'CLOSED',
}
registerEnumType(CampaignStatusType, { name: 'CampaignStatus', description: 'Draft, enrolling a round, launched (enrolling joiners), closed.' });

export enum CampaignRecurrenceType {
  NONE = 'NONE',
  YEARLY = 'YEARLY',
  MONTHS = 'MONTHS',
}
registerEnumType(CampaignRecurrenceType, { name: 'CampaignRecurrence', description: 'Whether and how often a campaign opens a new round.' });

@ObjectType('Campaign', { description: 'A course set for an audience, due some days after enrolment, possibly recurring.' })
export class CampaignType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ID)
  courseId: string;

  @Field()
  everyone: boolean;

  @Field(() => [ID], { description: 'Audience units (each with its sub-units).' })
  unitIds: string[];

  @Field(() => [String], { description: 'Audience job roles (normalised).' })
  jobRoles: string[];

  @Field(() => Int)
  dueDays: number;

  @Field(() => CampaignRecurrenceType)
  recurrence: CampaignRecurrenceType;

  @Field(() => Int, { nullable: true })
  recurrenceMonths: number | null;

  @Field(() => CampaignStatusType)
  status: CampaignStatusType;

  @Field(() => Int, { description: '0 before launch, then the current round.' })
  round: number;

  @Field(() => Int, { description: 'People the current round addresses.' })
  targetCount: number;

  @Field(() => Int, { description: 'People the current round has reached so far (enrolled, or already owing the course).' })
  enrolledCount: number;

  @Field(() => String, { nullable: true, description: 'When a recurring campaign opens its next round (YYYY-MM-DD).' })
  nextRoundOn: string | null;

  @Field(() => Date, { nullable: true })
  launchedAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('CampaignAudienceMember', { description: 'One person an audience reaches.' })
export class CampaignAudienceMemberType {
  @Field(() => ID)
  personId: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  jobRole: string | null;
}

@ObjectType('CampaignAudiencePreview', { description: 'How many active people an audience reaches now, and some of them.' })
export class CampaignAudiencePreviewType {
  @Field(() => Int)
  headCount: number;

  @Field(() => [CampaignAudienceMemberType], { description: 'Up to ten people, by name.' })
  sample: CampaignAudienceMemberType[];
}
