import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AssignmentStatusType {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  OVERDUE = 'OVERDUE',
  EXEMPT = 'EXEMPT',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AssignmentStatusType, { name: 'AssignmentStatus', description: 'Where a training assignment stands.' });

@ObjectType('Assignment', { description: 'A course assigned to a person, due on a date.' })
export class AssignmentType {
  @Field(() => ID)
  id: string;

  /** Resolved by field resolvers (`course`, `person`); not fields of their own. */
  courseId: string;
  personId: string;

  @Field({ description: 'Due date, YYYY-MM-DD.' })
  dueOn: string;

  @Field(() => AssignmentStatusType)
  status: AssignmentStatusType;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field({ description: 'Still owed and past its due date (today, UTC), whatever the recorded status says.' })
  overdue: boolean;

  @Field(() => ID, { nullable: true, description: 'The campaign that enrolled the person; null for an assignment made by hand.' })
  campaignId: string | null;

  @Field(() => String, { nullable: true, description: 'Why the person was exempted (EXEMPT only).' })
  exemptReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When the person left the campaign\'s audience (WITHDRAWN only).' })
  withdrawnAt: Date | null;
}

@ObjectType('AssignmentConnection', { description: 'One page of training assignments and how many match the filters over all pages.' })
export class AssignmentConnectionType {
  @Field(() => Int, { description: 'Assignments matching the filters (and visible to the caller), over all pages.' })
  totalCount: number;

  @Field(() => [AssignmentType], { description: 'The assignments of this page, in order.' })
  nodes: AssignmentType[];
}
