import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ObjectiveDirectionType {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(ObjectiveDirectionType, { name: 'IsmsObjectiveDirection' });

export enum ObjectiveStatusType {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  ACHIEVED = 'ACHIEVED',
  NOT_ACHIEVED = 'NOT_ACHIEVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ObjectiveStatusType, { name: 'IsmsObjectiveStatus' });

@ObjectType('IsmsObjectiveMeasurement')
export class ObjectiveMeasurementType {
  @Field(() => ID)
  id: string;

  @Field(() => Float)
  value: number;

  @Field(() => Date)
  measuredAt: Date;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  recordedBy: string;
}

@ObjectType('IsmsObjective', { description: 'An information security objective with a measurable target (clause 6.2).' })
export class ObjectiveType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field({ description: 'What is measured, e.g. "phishing simulation click rate".' })
  metric: string;

  @Field(() => Float)
  targetValue: number;

  @Field({ description: 'Unit of the values, e.g. "%".' })
  unit: string;

  @Field(() => ObjectiveDirectionType)
  direction: ObjectiveDirectionType;

  @Field(() => ID, { nullable: true })
  ownerId: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate: string | null;

  @Field(() => ObjectiveStatusType)
  status: ObjectiveStatusType;
}
