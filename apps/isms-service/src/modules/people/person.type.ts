import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { InternalOnly } from '@iso27001/platform';

@ObjectType('Person', { description: 'Someone in the organisation: owner of risks and controls, trainee, auditee.' })
@Directive('@key(fields: "id")')
export class PersonType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @InternalOnly('reporting lines are HR data')
  @Field(() => ID, { nullable: true })
  managerId: string | null;

  @Field(() => String, { nullable: true })
  jobRole: string | null;

  @Field()
  active: boolean;

  @InternalOnly("the person's id in the HR system")
  @Field(() => String, { nullable: true, description: "The person's id in the HR system." })
  externalId: string | null;
}

@ObjectType('PersonConnection')
export class PersonConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [PersonType])
  nodes: PersonType[];
}
