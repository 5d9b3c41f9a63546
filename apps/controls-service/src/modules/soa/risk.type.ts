import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** risk-service owns risks; an SoA entry refers to the risks that justify it by id, and risk-service resolves them. */
@ObjectType('Risk')
@Directive('@key(fields: "id", resolvable: false)')
export class RiskRefType {
  @Field(() => ID)
  id: string;
}

export function riskRef(id: string): RiskRefType {
  return Object.assign(new RiskRefType(), { id });
}
