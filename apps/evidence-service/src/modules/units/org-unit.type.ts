import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** isms-service owns organisation units; this subgraph refers to them by id (the department evidence belongs to). */
@ObjectType('OrgUnit')
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnitRefType {
  @Field(() => ID)
  id: string;
}

export function orgUnitRef(id: string): OrgUnitRefType {
  return Object.assign(new OrgUnitRefType(), { id });
}
