import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CorrectiveActionStatusType {
  OPEN = 'OPEN',
  PLANNED = 'PLANNED',
  IMPLEMENTED = 'IMPLEMENTED',
  EFFECTIVE = 'EFFECTIVE',
  NOT_EFFECTIVE = 'NOT_EFFECTIVE',
}
registerEnumType(CorrectiveActionStatusType, {
  name: 'CorrectiveActionStatus',
  description:
    'OPEN until planned (correction, root cause, action); PLANNED until implemented with evidence; IMPLEMENTED until an independent auditor checks it: EFFECTIVE, or NOT_EFFECTIVE (plan again).',
});

/** isms-service owns people; this subgraph only refers to them by id. */
@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRefType {
  @Field(() => ID)
  id: string;
}

/** evidence-service owns evidence items; this subgraph only refers to them by id. */
@ObjectType('EvidenceItem')
@Directive('@key(fields: "id", resolvable: false)')
export class EvidenceItemRefType {
  @Field(() => ID)
  id: string;
}

@ObjectType('CorrectiveAction', { description: 'What is done about a nonconformity (clause 10.2), and whether it worked.' })
export class CorrectiveActionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  findingId: string;

  /** Resolved by the `owner` field resolver. */
  ownerPersonId: string | null;

  @Field({ description: 'Due date, YYYY-MM-DD.' })
  dueOn: string;

  @Field({ description: 'Not effective yet and past its due date (today, UTC).' })
  overdue: boolean;

  @Field(() => CorrectiveActionStatusType)
  status: CorrectiveActionStatusType;

  @Field(() => String, { nullable: true, description: 'What was done at once to contain the nonconformity.' })
  correction: string | null;

  @Field(() => String, { nullable: true })
  rootCause: string | null;

  @Field(() => String, { nullable: true, description: 'The action that removes the root cause.' })
  actionPlan: string | null;

  @Field(() => Date, { nullable: true })
  plannedAt: Date | null;

  @Field(() => String, { nullable: true })
  completionNote: string | null;

  /** Resolved by the `evidence` field resolver. */
  evidenceIds: string[];

  @Field(() => Date, { nullable: true })
  implementedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The auditor's reasoning on effectiveness." })
  effectivenessNote: string | null;

  @Field(() => Date, { nullable: true })
  effectivenessCheckedAt: Date | null;

  @Field(() => Date)
  createdAt: Date;
}
