import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditRequestStatusType {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(AuditRequestStatusType, { name: 'AuditRequestStatus', description: 'OPEN until answered with evidence; ANSWERED until the auditor accepts it or RETURNS it with a reason (then answered again).' });

@ObjectType('AuditRequest', { description: "One item of an engagement's request list: what an auditor asks an owner for, and the answer." })
export class AuditRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  engagementId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  detail: string | null;

  /** Resolved by `owner`. */
  ownerPersonId: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn: string;

  @Field({ description: 'Not answered (or sent back) and past its due date.' })
  overdue: boolean;

  @Field(() => AuditRequestStatusType)
  status: AuditRequestStatusType;

  @Field(() => String, { nullable: true })
  answerNote: string | null;

  /** Resolved by `evidence`. */
  evidenceIds: string[];

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the auditor sent the answer back.' })
  returnReason: string | null;

  @Field(() => Date)
  createdAt: Date;
}

