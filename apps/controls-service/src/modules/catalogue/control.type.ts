import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ControlThemeType {
  ORGANIZATIONAL = 'ORGANIZATIONAL',
  PEOPLE = 'PEOPLE',
  PHYSICAL = 'PHYSICAL',
  TECHNOLOGICAL = 'TECHNOLOGICAL',
}
registerEnumType(ControlThemeType, { name: 'ControlTheme', description: 'The four themes of ISO/IEC 27001:2022 Annex A.' });

@ObjectType('ControlAttributes', { description: 'ISO/IEC 27002:2022 §4.2 attribute values of a control (without the leading #).' })
export class ControlAttributesType {
  @Field(() => [String], { description: 'Preventive, Detective, Corrective.' })
  controlTypes: string[];

  @Field(() => [String], { description: 'Confidentiality, Integrity, Availability.' })
  securityProperties: string[];

  @Field(() => [String], { description: 'Identify, Protect, Detect, Respond, Recover.' })
  cybersecurityConcepts: string[];

  @Field(() => [String])
  operationalCapabilities: string[];

  @Field(() => [String])
  securityDomains: string[];
}

@ObjectType('Control', { description: 'An ISO/IEC 27001:2022 Annex A control (id `A.5.1` … `A.8.34`).' })
@Directive('@key(fields: "id")')
export class ControlType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => ControlThemeType)
  theme: ControlThemeType;

  @Field(() => ControlAttributesType, { nullable: true, description: 'ISO/IEC 27002:2022 attributes (null until the catalogue carries them).' })
  attributes: ControlAttributesType | null;

  @Field(() => String, { nullable: true, description: 'The purpose of the control, in short (ISO/IEC 27002:2022).' })
  purpose: string | null;
}
