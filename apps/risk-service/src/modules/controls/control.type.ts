import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** controls-service owns the Annex A catalogue; a risk's treatment only refers to controls by id (`A.5.15`). */
@ObjectType('Control')
@Directive('@key(fields: "id", resolvable: false)')
export class ControlRefType {
  @Field(() => ID)
  id: string;
}

export function controlRef(id: string): ControlRefType {
  return Object.assign(new ControlRefType(), { id });
}
