import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** controls-service owns the catalogue; this subgraph refers to an Annex A control by its id (`A.5.1`). */
@ObjectType('Control')
@Directive('@key(fields: "id", resolvable: false)')
export class ControlRefType {
  @Field(() => ID)
  id: string;
}
