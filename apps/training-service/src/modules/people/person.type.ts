import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** isms-service owns people; this subgraph only refers to them by id. */
@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonRefType {
  @Field(() => ID)
  id: string;
}
