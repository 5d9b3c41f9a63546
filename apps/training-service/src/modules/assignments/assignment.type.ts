import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum AssignmentStatusType {
  ASSIGNED = 'ASSIGNED',
  COMPLETED = 'COMPLETED',
  OVERDUE = 'OVERDUE',
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
}
