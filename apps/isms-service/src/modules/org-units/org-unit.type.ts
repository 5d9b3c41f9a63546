import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { InternalOnly } from '@iso27001/platform';

export enum OrgUnitKindType {
  BUSINESS_UNIT = 'BUSINESS_UNIT',
  DEPARTMENT = 'DEPARTMENT',
  TEAM = 'TEAM',
}
registerEnumType(OrgUnitKindType, { name: 'OrgUnitKind', description: 'Level of an organisation unit in the hierarchy.' });

@ObjectType('OrgUnit', { description: 'A business unit, department or team of the organisation.' })
@Directive('@key(fields: "id")')
export class OrgUnitType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrgUnitKindType)
  kind: OrgUnitKindType;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @InternalOnly("the unit's id in the HR system")
  @Field(() => String, { nullable: true, description: "The unit's id in the HR system." })
  externalId: string | null;

  @Field({ description: 'False once the unit is deactivated (it keeps its history).' })
  active: boolean;
}
