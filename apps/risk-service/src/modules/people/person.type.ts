import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** isms-service owns people; this subgraph only refers to them by id (owners, acceptance). */
@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRefType {
  @Field(() => ID)
  id: string;
}

export function personRef(id: string | null): PersonRefType | null {
  return id ? Object.assign(new PersonRefType(), { id }) : null;
}

/** isms-service owns organisation units; risks and assets refer to them by id. */
@ObjectType('OrgUnit')
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnitRefType {
  @Field(() => ID)
  id: string;
}

export function unitRef(id: string | null): OrgUnitRefType | null {
  return id ? Object.assign(new OrgUnitRefType(), { id }) : null;
}
