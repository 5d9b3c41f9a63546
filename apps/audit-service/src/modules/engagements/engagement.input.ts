import { IsEnum, IsISO8601, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { EngagementKindType, EngagementStatusType } from './engagement.type';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class CreateEngagementInput {
  @Field(() => EngagementKindType)
  @IsEnum(EngagementKindType)
  type: EngagementKindType;

  @Field()
  @Length(1, 200)
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a valid calendar date' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, on or after startsOn' })
  @Matches(DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a valid calendar date' })
  endsOn: string;

  @Field({ description: 'Name (and firm) of the lead auditor.' })
  @Length(1, 200)
  leadAuditor: string;
}

@InputType()
export class SetEngagementStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => EngagementStatusType)
  @IsEnum(EngagementStatusType)
  status: EngagementStatusType;
}
