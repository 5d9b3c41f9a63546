import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('InboxItem', { description: 'One thing the signed-in person owes: a course, a policy to acknowledge, evidence asked of them.' })
export class InboxItemType {
  @Field(() => String, { description: 'COURSE_ASSIGNMENT, POLICY_ACKNOWLEDGEMENT or EVIDENCE_REQUEST.' })
  kind: string;

  @Field(() => ID, { description: 'The id of the assignment, acknowledgement task or evidence request.' })
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true, description: 'Due date (YYYY-MM-DD); null when the item has none.' })
  dueDate: string | null;

  @Field(() => String, { description: "The item's own status (e.g. ASSIGNED, OVERDUE, PENDING, OPEN, CHANGES_REQUESTED)." })
  status: string;

  @Field(() => Boolean, { description: 'Past its due date (or marked overdue).' })
  overdue: boolean;

  @Field(() => String, { description: 'Where in the portal to act on it.' })
  link: string;
}
