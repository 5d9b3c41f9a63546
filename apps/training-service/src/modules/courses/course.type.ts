import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CourseKindType {
  AWARENESS = 'AWARENESS',
  ROLE_BASED = 'ROLE_BASED',
  POLICY = 'POLICY',
}
registerEnumType(CourseKindType, {
  name: 'CourseKind',
  description: 'Awareness for everyone (A.6.3), role-based competence (7.2), or a policy walk-through.',
});

@ObjectType('Course', { description: 'A training course that can be assigned to people.' })
@Directive('@key(fields: "id")')
export class CourseType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => CourseKindType)
  kind: CourseKindType;

  @Field(() => Int)
  durationMinutes: number;

  @Field()
  active: boolean;
}
