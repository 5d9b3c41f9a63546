import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ControlThemeType {
  ORGANIZATIONAL = 'ORGANIZATIONAL',
  PEOPLE = 'PEOPLE',
  PHYSICAL = 'PHYSICAL',
  TECHNOLOGICAL = 'TECHNOLOGICAL',
}
registerEnumType(ControlThemeType, { name: 'ControlTheme', description: 'The four themes of ISO/IEC 27001:2022 Annex A.' });

@ObjectType('Control', { description: 'An ISO/IEC 27001:2022 Annex A control (id `A.5.1` … `A.8.34`).' })
@Directive('@key(fields: "id")')
export class ControlType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => ControlThemeType)
  theme: ControlThemeType;
}
