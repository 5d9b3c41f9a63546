import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum EvidenceFrequencyType {
  ONCE = 'ONCE',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  YEARLY = 'YEARLY',
}
registerEnumType(EvidenceFrequencyType, { name: 'EvidenceFrequency', description: 'How often a requirement asks for fresh evidence.' });

@ObjectType('EvidenceRequirement', { description: 'What evidence a control needs and how often, in this organisation.' })
export class EvidenceRequirementType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Annex A control id, e.g. "A.5.15".' })
  controlId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => EvidenceFrequencyType)
  frequency: EvidenceFrequencyType;

  @Field({ description: 'True for a requirement of the default set (possibly edited since), false for one the organisation added.' })
  fromDefaults: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was retired: retired requirements open no requests.' })
  retiredAt: Date | null;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}
