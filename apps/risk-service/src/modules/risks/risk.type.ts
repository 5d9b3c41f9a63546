import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RiskTreatmentType {
  MODIFY = 'MODIFY',
  AVOID = 'AVOID',
  TRANSFER = 'TRANSFER',
  ACCEPT = 'ACCEPT',
}
registerEnumType(RiskTreatmentType, {
  name: 'RiskTreatment',
  description: 'ISO/IEC 27005 treatment option: modify (apply controls), avoid, transfer (share) or accept (retain).',
});

export enum RiskStatusType {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(RiskStatusType, { name: 'RiskStatus' });

@ObjectType('Risk', { description: 'A risk of the register: its inherent assessment and its treatment decision.' })
@Directive('@key(fields: "id")')
export class RiskType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  threat: string | null;

  @Field(() => String, { nullable: true })
  vulnerability: string | null;

  @Field(() => Int)
  inherentLikelihood: number;

  @Field(() => Int)
  inherentImpact: number;

  @Field(() => Int, { description: 'Inherent likelihood × inherent impact.' })
  inherentScore: number;

  @Field(() => RiskTreatmentType, { nullable: true })
  treatment: RiskTreatmentType | null;

  @Field(() => String, { nullable: true })
  treatmentRationale: string | null;

  @Field(() => RiskStatusType)
  status: RiskStatusType;

  /** Not in the schema: resolved to the `owner` and `controls` stubs. */
  ownerId: string | null;
  controlIds: string[];
}
