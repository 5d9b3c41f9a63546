import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** evidence-service owns evidence; an SoA entry lists the items that show its control operates by id. */
@ObjectType('EvidenceItem')
@Directive('@key(fields: "id", resolvable: false)')
export class EvidenceItemRefType {
  @Field(() => ID)
  id: string;
}

export function evidenceItemRef(id: string): EvidenceItemRefType {
  return Object.assign(new EvidenceItemRefType(), { id });
}
