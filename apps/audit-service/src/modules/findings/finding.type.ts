import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum FindingSeverityType {
  MAJOR_NONCONFORMITY = 'MAJOR_NONCONFORMITY',
  MINOR_NONCONFORMITY = 'MINOR_NONCONFORMITY',
  OBSERVATION = 'OBSERVATION',
  OPPORTUNITY = 'OPPORTUNITY',
}
registerEnumType(FindingSeverityType, { name: 'FindingSeverity' });

export enum FindingStatusType {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FindingStatusType, { name: 'FindingStatus' });

@ObjectType('Finding', { description: 'A nonconformity, observation or opportunity for improvement raised in an audit.' })
@Directive('@key(fields: "id")')
export class FindingType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  engagementId: string;

  /** Resolved by the `control` field resolver. */
  controlId: string | null;

  @Field(() => String, { nullable: true, description: 'Clause of ISO/IEC 27001:2022, e.g. "9.2".' })
  clause: string | null;

  @Field(() => FindingSeverityType)
  severity: FindingSeverityType;

  @Field()
  description: string;

  @Field(() => FindingStatusType)
  status: FindingStatusType;

  @Field()
  raisedBy: string;

  @Field(() => Date)
  raisedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The closing auditor's comment." })
  closureComment: string | null;
}
