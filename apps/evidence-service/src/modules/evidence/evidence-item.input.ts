import { IsEnum, IsISO8601, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { EvidenceDecisionType } from './evidence-item.type';

const CONTROL_ID = /^A\.\d+\.\d+$/;
const CONTROL_ID_MESSAGE = 'controlId must be an Annex A control id such as A.5.1';

@InputType()
export class AddEvidenceInput {
  @Field()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Annex A 2022 control id, e.g. "A.5.15".' })
  @IsOptional()
  @Matches(CONTROL_ID, { message: CONTROL_ID_MESSAGE })
  controlId?: string | null;

  @Field(() => String, { nullable: true, description: 'Clause of ISO/IEC 27001:2022 (4 to 10), e.g. "7.2".' })
  @IsOptional()
  @Matches(/^(?:[4-9]|10)(?:\.\d{1,2}){0,2}$/, { message: 'clause must be a clause of the standard such as 7.2 (4 to 10)' })
  clause?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was collected; now when omitted.' })
  @IsOptional()
  collectedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validUntil must be a valid calendar date' })
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the evidence file.' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256?: string | null;
}

@InputType()
export class ReviewEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => EvidenceDecisionType)
  @IsEnum(EvidenceDecisionType)
  decision: EvidenceDecisionType;

  @Field(() => String, { nullable: true, description: 'Required when rejecting.' })
  @IsOptional()
  @Length(1, 5000)
  comment?: string | null;
}

@ArgsType()
export class EvidenceItemsArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CONTROL_ID, { message: CONTROL_ID_MESSAGE })
  controlId?: string;
}
