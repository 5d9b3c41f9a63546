import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PolicyAcknowledgementStatusType {
  PENDING = 'PENDING',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(PolicyAcknowledgementStatusType, {
  name: 'PolicyAcknowledgementStatus',
  description: 'PENDING until the person acknowledges; SUPERSEDED when a new major version replaced the version before they did.',
});

/** controls-service owns policies; this subgraph only refers to them by id. */
@ObjectType('Policy')
@Directive('@key(fields: "id", resolvable: false)')
export class PolicyRefType {
  @Field(() => ID)
  id: string;
}

/** isms-service owns organisation units; this subgraph only refers to them by id. */
@ObjectType('OrgUnit')
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnitRefType {
  @Field(() => ID)
  id: string;
}

@ObjectType('PolicyAcknowledgement', { description: 'A person\'s task to read and acknowledge a published policy version.' })
export class PolicyAcknowledgementType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  versionId: string;

  @Field({ description: 'The version to acknowledge, "major.minor".' })
  version: string;

  @Field({ description: 'The policy\'s title when the version was published.' })
  policyTitle: string;

  @Field(() => PolicyAcknowledgementStatusType)
  status: PolicyAcknowledgementStatusType;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The version in force that was acknowledged, "major.minor": the task\'s own or a later minor version of it.',
  })
  acknowledgedVersion: string | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the acknowledged version's content, as published." })
  contentSha256: string | null;

  @Field(() => String, { nullable: true, description: 'The address the acknowledgement came from, as the gateway saw it.' })
  acknowledgedAddress: string | null;

  @Field(() => String, { nullable: true, description: "The browser's user agent when acknowledging." })
  acknowledgedUserAgent: string | null;

  @Field()
  createdAt: Date;

  /** Resolved to `policy` and `person` stubs. */
  policyId: string;
  personId: string;
}

@ObjectType('PolicyAcknowledgementUnitRate', { description: 'Acknowledgements of one unit\'s people (unit null: people without a unit).' })
export class PolicyAcknowledgementUnitRateType {
  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  acknowledged: number;

  @Field(() => Float, { description: 'acknowledged / total, 0 … 1.' })
  rate: number;
}

@ObjectType('PolicyAcknowledgementRates', {
  description:
    'How many people in the audience acknowledged a policy version (tasks of the same major version count, since a minor version ' +
    'needs no re-acknowledgement), overall and per unit of the people as replicated now. Inactive people are left out.',
})
export class PolicyAcknowledgementRatesType {
  @Field(() => ID)
  policyId: string;

  @Field(() => ID)
  versionId: string;

  @Field()
  version: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  acknowledged: number;

  @Field(() => Float, { description: 'acknowledged / total, 0 … 1.' })
  rate: number;

  @Field(() => [PolicyAcknowledgementUnitRateType], { description: 'Per unit, by unit id (people without a unit last).' })
  units: PolicyAcknowledgementUnitRateType[];
}

@ObjectType('PolicyAcknowledgementConnection', { description: 'One page of the acknowledgement tasks of a policy version and how many match the filters over all pages.' })
export class PolicyAcknowledgementConnectionType {
  @Field(() => Int, { description: 'Tasks matching the filters, over all pages.' })
  totalCount: number;

  @Field(() => [PolicyAcknowledgementType], { description: 'The tasks of this page, in order.' })
  nodes: PolicyAcknowledgementType[];
}
