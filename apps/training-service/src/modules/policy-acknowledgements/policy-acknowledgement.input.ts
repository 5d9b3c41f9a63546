import { IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class PolicyAcknowledgementRatesArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'policyId must be a UUID' })
  policyId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'versionId must be a UUID' })
  versionId: string;
}
