import { IsDate, IsEnum, IsNumber, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';
import { ObjectiveDirectionType, ObjectiveStatusType } from './objective.type';

@InputType()
export class CreateObjectiveInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field({ defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field()
  @Length(1, 300)
  metric: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  targetValue: number;

  @Field()
  @Length(1, 50)
  unit: string;

  @Field(() => ObjectiveDirectionType)
  @IsEnum(ObjectiveDirectionType)
  direction: ObjectiveDirectionType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

@InputType()
export class SetObjectiveStatusInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ObjectiveStatusType)
  @IsEnum(ObjectiveStatusType)
  status: ObjectiveStatusType;
}

@InputType()
export class RecordObjectiveMeasurementInput {
  @Field(() => ID)
  @IsUUID()
  objectiveId: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @Field(() => Date)
  @IsDate()
  measuredAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2000)
  note?: string | null;
}
