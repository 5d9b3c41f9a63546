import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** One row of a service's audit trail. The same type in every subgraph (hence @shareable). */
@Directive('@shareable')
@ObjectType('AuditTrailEntry', { description: 'One change recorded in a service audit trail: who, when, which operation, which record, before and after.' })
export class AuditTrailEntryType {
  @Field({ description: 'Position in the chain of the organisation (1, 2, 3, … without gaps).' })
  seq: string;

  @Field({ description: 'When the transaction that made the change committed.' })
  occurredAt: Date;

  @Field()
  requestId: string;

  @Field({ description: 'The GraphQL mutation, e.g. `updateRisk`.' })
  operation: string;

  @Field({ description: 'MUTATION (the operation and its arguments), INSERT, UPDATE or DELETE (one record).' })
  action: string;

  @Field({ description: "The caller's subject (`sub`)." })
  actor: string;

  @Field(() => String, { nullable: true })
  actorEmail: string | null;

  @Field(() => [String])
  actorRoles: string[];

  @Field(() => String, { nullable: true, description: "The engagement of an external auditor's grant, when an auditor made the change." })
  engagementId: string | null;

  @Field(() => String, { nullable: true, description: 'The table of the record (null on a MUTATION row).' })
  recordType: string | null;

  @Field(() => String, { nullable: true })
  recordId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The unit of the record (of all the records of a MUTATION row, when they share one); covered by the hash when set, left out of it when null.",
  })
  unitId: string | null;

  @Field(() => String, { nullable: true, description: 'The record before the change, as JSON (null for an insert).' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'The record after the change, as JSON (the arguments on a MUTATION row).' })
  after: string | null;

  @Field({ description: 'SHA-256 of the row before it in the chain.' })
  prevHash: string;

  @Field({ description: "SHA-256 of this row's content and prevHash (checked by `npm run audit-trail:verify`)." })
  hash: string;
}

@Directive('@shareable')
@ObjectType('AuditTrailPage')
export class AuditTrailPageType {
  @Field(() => [AuditTrailEntryType], { description: 'Newest first.' })
  nodes: AuditTrailEntryType[];

  @Field(() => Int, { description: 'Rows matching the filter, over all pages.' })
  totalCount: number;
}
