import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EvidenceRequestStatusType {
  OPEN = 'OPEN',
  SUBMITTED = 'SUBMITTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  ACCEPTED = 'ACCEPTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EvidenceRequestStatusType, { name: 'EvidenceRequestStatus' });

export enum EvidenceRequestActionType {
  OPENED = 'OPENED',
  REASSIGNED = 'REASSIGNED',
  SUBMITTED = 'SUBMITTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  ACCEPTED = 'ACCEPTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EvidenceRequestActionType, { name: 'EvidenceRequestAction' });

export enum EvidenceRequestAssigneeType {
  ME = 'ME',
  ANY = 'ANY',
}
registerEnumType(EvidenceRequestAssigneeType, { name: 'EvidenceRequestAssignee', description: "ME: only requests assigned to the caller's own person record." });

@ObjectType('EvidenceRequestTransition', { description: 'A step in the life of a request: who moved it, when, and why.' })
export class EvidenceRequestTransitionType {
  @Field(() => EvidenceRequestActionType)
  action: EvidenceRequestActionType;

  @Field(() => EvidenceRequestStatusType, { nullable: true })
  fromStatus: EvidenceRequestStatusType | null;

  @Field(() => EvidenceRequestStatusType, { nullable: true })
  toStatus: EvidenceRequestStatusType | null;

  @Field({ description: "The actor's subject (or `system:…` for a change the platform made from an event or a job)." })
  actor: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, { nullable: true })
  comment: string | null;
}

@ObjectType('EvidenceRequestComment')
export class EvidenceRequestCommentType {
  @Field()
  author: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field()
  text: string;
}

@ObjectType('EvidenceRequest', { description: 'A request for the evidence a requirement needs from one department, for one period.' })
export class EvidenceRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  requirementId: string;

  @Field(() => ID, { description: 'Annex A control id.' })
  controlId: string;

  @Field(() => ID)
  unitId: string;

  @Field(() => ID, { nullable: true, description: 'The person asked (an isms-service Person id): the owner of the control in the department.' })
  assigneeId: string | null;

  @Field(() => EvidenceRequestStatusType)
  status: EvidenceRequestStatusType;

  @Field({ description: 'YYYY-MM-DD.' })
  dueDate: string;

  @Field({ description: 'The period the evidence covers: `2026-12`, `2026-Q4`, `2026`, or `ONCE`.' })
  period: string;

  @Field()
  periodStart: string;

  @Field(() => String, { nullable: true })
  periodEnd: string | null;

  @Field(() => [ID], { description: 'Evidence items submitted with the request (evidence of the same department).' })
  evidenceIds: string[];

  @Field(() => GraphQLISODateTime)
  openedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType('EvidenceRequestConnection')
export class EvidenceRequestConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [EvidenceRequestType])
  nodes: EvidenceRequestType[];
}
