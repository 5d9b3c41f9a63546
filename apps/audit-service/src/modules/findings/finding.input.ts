import { IsEnum, IsISO8601, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FindingSeverityType } from './finding.type';

@InputType()
export class RaiseFindingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'engagementId must be a UUID' })
  engagementId: string;

  @Field(() => String, { nullable: true, description: 'Annex A 2022 control id, e.g. "A.8.12".' })
  @IsOptional()
  @Matches(/^A\.\d+\.\d+$/, { message: 'controlId must be an Annex A control id such as A.5.1' })
  controlId?: string | null;

  @Field(() => String, { nullable: true, description: 'Clause of ISO/IEC 27001:2022 (4 to 10), e.g. "9.2" or "9.2.1".' })
  @IsOptional()
  @Matches(/^(?:[4-9]|10)(?:\.\d{1,2}){0,2}$/, { message: 'clause must be a clause of the standard such as 7.2 (4 to 10)' })
  clause?: string | null;

  @Field(() => FindingSeverityType)
  @IsEnum(FindingSeverityType)
  severity: FindingSeverityType;

  @Field()
  @Length(1, 10_000)
  description: string;

  @Field(() => ID, { nullable: true, description: 'A nonconformity: the owner of its corrective action (an active person), if known yet.' })
  @IsOptional()
  @IsUUID('all', { message: 'correctiveActionOwnerId must be a UUID' })
  correctiveActionOwnerId?: string | null;

  @Field(() => String, { nullable: true, description: 'A nonconformity: when its corrective action is due, YYYY-MM-DD (default: 30 days for a major, 90 for a minor).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'correctiveActionDueOn must be a date such as 2026-12-31' })
  correctiveActionDueOn?: string | null;
}
