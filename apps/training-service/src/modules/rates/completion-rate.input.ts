import { IsOptional, IsUUID, Matches } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class CompletionHistoryArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId: string;

  @Field(() => ID, { nullable: true, description: 'One unit (with its sub-units); the whole campaign when omitted.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (YYYY-MM-DD).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string | null;
}
