import { IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
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
}
