import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ControlType } from '../catalogue/control.type';
import { ImplementationStatusType } from '../soa/soa-entry.type';

export enum ControlTestFrequencyType {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  SEMI_ANNUALLY = 'SEMI_ANNUALLY',
  ANNUALLY = 'ANNUALLY',
}
registerEnumType(ControlTestFrequencyType, { name: 'ControlTestFrequency', description: 'How often a control implementation is tested.' });

export enum ControlOperatingStatusCode {
  EFFECTIVE = 'EFFECTIVE',
  EVIDENCE_MISSING = 'EVIDENCE_MISSING',
  EVIDENCE_EXPIRED = 'EVIDENCE_EXPIRED',
  NONCONFORMING = 'NONCONFORMING',
}
registerEnumType(ControlOperatingStatusCode, {
  name: 'ControlOperatingStatusCode',
  description: 'Whether a control operates: approved evidence, missing or expired evidence, or an open nonconformity.',
});

@ObjectType('ControlOperatingStatus', { description: "A control's operating status, kept current from evidence and audit findings." })
export class ControlOperatingStatusType {
  @Field(() => ControlOperatingStatusCode)
  status: ControlOperatingStatusCode;

  @Field({ description: 'Why, naming the evidence items or findings.' })
  reason: string;

  @Field(() => Date, { nullable: true, description: 'Since when the control has had this status (null: no event has named the control yet).' })
  since: Date | null;
}

@ObjectType('ControlImplementation', { description: 'How an Annex A control is implemented in one organisation unit (department).' })
export class ControlImplementationType {
  @Field(() => ID)
  id: string;

  @Field(() => ControlType)
  control: ControlType;

  @Field(() => ImplementationStatusType)
  status: ImplementationStatusType;

  @Field(() => Int, { description: '0 (none) … 5 (optimised).' })
  maturity: number;

  @Field({ description: 'How the control is done in this unit.' })
  description: string;

  @Field(() => String, { nullable: true })
  testProcedure: string | null;

  @Field(() => ControlTestFrequencyType, { nullable: true })
  testFrequency: ControlTestFrequencyType | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  lastTestedOn: string | null;

  @Field(() => Date)
  updatedAt: Date;

  /** Resolved to the `unit` and `owner` stubs. */
  unitId: string;
  ownerId: string | null;
}

@ObjectType('ControlImplementationConnection', { description: 'One page of control implementations and how many match the filters over all pages.' })
export class ControlImplementationConnectionType {
  @Field(() => Int, { description: 'Implementations matching the filters, over all pages.' })
  totalCount: number;

  @Field(() => [ControlImplementationType], { description: 'The implementations of this page, in order.' })
  nodes: ControlImplementationType[];
}
