import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** isms-service owns people; this subgraph only refers to them by id (a control's owner). */
@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRefType {
  @Field(() => ID)
  id: string;
}

export function personRef(id: string | null): PersonRefType | null {
  return id ? Object.assign(new PersonRefType(), { id }) : null;
}
