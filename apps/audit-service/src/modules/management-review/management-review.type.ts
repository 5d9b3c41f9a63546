import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ManagementReviewStatusType {
  DRAFT = 'DRAFT',
  SIGNED_OFF = 'SIGNED_OFF',
}
registerEnumType(ManagementReviewStatusType, { name: 'ManagementReviewStatus' });

@ObjectType('ReviewCount', { description: 'A count of the review inputs, by name.' })
export class ReviewCountType {
  @Field()
  name: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('ManagementReviewInputs', { description: 'The inputs of clause 9.3.2 the platform gathered, as of `gatheredAt`.' })
export class ManagementReviewInputsType {
  @Field(() => Date)
  gatheredAt: Date;

  @Field(() => [ReviewCountType], { description: 'Status of the actions of the previous review: total, done, open, overdue.' })
  previousActions: ReviewCountType[];

  @Field(() => [ReviewCountType], { description: 'Nonconformities: open, closed, open major.' })
  nonconformities: ReviewCountType[];

  @Field(() => [ReviewCountType], { description: 'Corrective actions: open, overdue, effective, not effective.' })
  correctiveActions: ReviewCountType[];

  @Field(() => String, { nullable: true, description: 'Audit results since this date (the previous review), or all when null.' })
  auditsSince: string | null;

  @Field(() => [ReviewCountType], { description: 'Audits closed and their findings by severity.' })
  auditResults: ReviewCountType[];

  @Field(() => String, { nullable: true })
  certificationStatus: string | null;

  @Field(() => String, { nullable: true })
  certificateNumber: string | null;

  @Field(() => String, { nullable: true })
  certificateExpiresOn: string | null;

  @Field(() => [ReviewCountType], { description: 'Internal audit programme coverage: clauses and applicable controls covered.' })
  programme: ReviewCountType[];
}

@ObjectType('ManagementReviewAction', { description: 'An action decided in a management review.' })
export class ManagementReviewActionType {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field(() => ID)
  ownerPersonId: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn: string;

  @Field(() => Date, { nullable: true })
  doneAt: Date | null;
}

@ObjectType('ManagementReview', { description: 'A management review (clause 9.3): inputs, decisions, actions and sign-off by top management.' })
export class ManagementReviewType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  heldOn: string;

  @Field(() => ManagementReviewStatusType)
  status: ManagementReviewStatusType;

  @Field(() => ManagementReviewInputsType, { nullable: true })
  inputs: ManagementReviewInputsType | null;

  @Field(() => [String])
  decisions: string[];

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true })
  signedOffByName: string | null;

  @Field(() => Date, { nullable: true })
  signedOffAt: Date | null;
}
