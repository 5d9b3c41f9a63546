import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';

@ArgsType()
export class PolicyAcknowledgementRatesArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'policyId must be a UUID' })
  policyId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'versionId must be a UUID' })
  versionId: string;
}

@ArgsType()
export class PolicyAcknowledgementPageArgs extends PageArgs {
  @Field(() => ID, { description: 'The policy (controls-service Policy id).' })
  @IsUUID('all', { message: 'policyId must be a UUID' })
  policyId: string;

  @Field(() => ID, { description: 'A published version of the policy; tasks of its major version count, as in policyAcknowledgementRates.' })
  @IsUUID('all', { message: 'versionId must be a UUID' })
  versionId: string;

  @Field(() => ID, { nullable: true, description: 'Only people of this unit and, unless includeSubUnits is false, of all units below it (as replicated now).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: 'With unitId: include the people of the units below it (true unless given).' })
  @IsBoolean()
  includeSubUnits: boolean;

  @Field(() => Boolean, { nullable: true, description: 'true: only those who acknowledged; false: only those who have not yet; everyone when omitted.' })
  @IsOptional()
  @IsBoolean()
  acknowledged?: boolean | null;
}

@ArgsType()
export class PolicyAcknowledgementHistoryArgs {
  @Field(() => ID, { description: 'The person (isms-service Person id).' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;

  @Field(() => ID, { nullable: true, description: 'Only this policy; every policy when omitted.' })
  @IsOptional()
  @IsUUID('all', { message: 'policyId must be a UUID' })
  policyId?: string | null;
}
