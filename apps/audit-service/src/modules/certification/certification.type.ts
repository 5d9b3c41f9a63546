import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CertificationStatusType {
  PLANNED = 'PLANNED',
  RECOMMENDED = 'RECOMMENDED',
  CERTIFIED = 'CERTIFIED',
}
registerEnumType(CertificationStatusType, {
  name: 'CertificationStatus',
  description: 'PLANNED while Stage 1 and Stage 2 run; RECOMMENDED once the auditor recommends certification; CERTIFIED once the certificate is recorded.',
});

export enum CycleStageType {
  STAGE_1 = 'STAGE_1',
  STAGE_2 = 'STAGE_2',
  SURVEILLANCE_1 = 'SURVEILLANCE_1',
  SURVEILLANCE_2 = 'SURVEILLANCE_2',
  RECERTIFICATION = 'RECERTIFICATION',
}
registerEnumType(CycleStageType, { name: 'CycleStage', description: 'The audits of a certification cycle, each an engagement of the matching type.' });

export enum CalendarEntryKindType {
  STAGE_1 = 'STAGE_1',
  STAGE_2 = 'STAGE_2',
  SURVEILLANCE_1 = 'SURVEILLANCE_1',
  SURVEILLANCE_2 = 'SURVEILLANCE_2',
  RECERTIFICATION = 'RECERTIFICATION',
  EXPIRY = 'EXPIRY',
  ENGAGEMENT = 'ENGAGEMENT',
}
registerEnumType(CalendarEntryKindType, { name: 'CalendarEntryKind' });

@ObjectType('CertificationCycle', { description: 'A certification body certifying an approved ISMS scope: its audits, recommendation and certificate.' })
export class CertificationCycleType {
  @Field(() => ID)
  id: string;

  @Field()
  certificationBody: string;

  @Field()
  standard: string;

  @Field(() => ID, { description: 'The approved ISMS scope version covered (isms-service scope id).' })
  scopeId: string;

  @Field(() => Int)
  scopeVersion: number;

  @Field(() => ID, { nullable: true, description: 'Who is reminded of the dates (isms-service Person id).' })
  contactPersonId: string | null;

  @Field(() => CertificationStatusType)
  status: CertificationStatusType;

  @Field(() => ID, { nullable: true })
  stage1EngagementId: string | null;

  @Field(() => ID, { nullable: true })
  stage2EngagementId: string | null;

  @Field(() => ID, { nullable: true })
  surveillance1EngagementId: string | null;

  @Field(() => ID, { nullable: true })
  surveillance2EngagementId: string | null;

  @Field(() => ID, { nullable: true })
  recertificationEngagementId: string | null;

  @Field(() => Date, { nullable: true })
  recommendedAt: Date | null;

  @Field(() => String, { nullable: true })
  recommendationComment: string | null;

  @Field(() => String, { nullable: true })
  certificateNumber: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  issuedOn: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: three years after issue, less a day.' })
  expiresOn: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the first surveillance audit is due by then (a year after issue).' })
  surveillance1DueOn: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the second surveillance audit is due by then.' })
  surveillance2DueOn: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the recertification audit is due by then (90 days before expiry).' })
  recertificationDueOn: string | null;

  @Field(() => [String], { description: 'What blocks the certification recommendation now (open major nonconformities, minors without a plan); empty when nothing does.' })
  recommendationBlockers: string[];
}

@ObjectType('CalendarEntry', { description: 'One date of the audit calendar.' })
export class CalendarEntryType {
  @Field({ description: 'YYYY-MM-DD' })
  date: string;

  @Field(() => CalendarEntryKindType)
  kind: CalendarEntryKindType;

  @Field()
  title: string;

  @Field(() => ID, { nullable: true })
  cycleId: string | null;

  @Field(() => ID, { nullable: true })
  engagementId: string | null;

  @Field({ description: 'The work of this date is done (its engagement closed), or the date is only informative.' })
  done: boolean;
}
