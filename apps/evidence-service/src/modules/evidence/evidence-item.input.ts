import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { EvidenceDecisionType, EvidenceSourceType, EvidenceStatusType, EvidenceVersionKindType } from './evidence-item.type';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMessage = (field: string) => `${field} must be a date as YYYY-MM-DD`;
const calendarMessage = (field: string) => `${field} must be a valid calendar date`;
const CONTROL_ID = /^A\.\d+\.\d+$/;
const CONTROL_ID_MESSAGE = 'controlId must be an Annex A control id such as A.5.1';
const CLAUSE = /^(?:[4-9]|10)(?:\.\d{1,2}){1,2}$/;
const CLAUSE_MESSAGE = 'clause must be a clause requirement of the standard such as 9.2.2 (4.1 to 10.2)';
/** More mappings than this on one item are a mistake, not evidence. */
const MAX_MAPPINGS = 100;

@InputType({ description: 'What a version holds: exactly the fields of its kind.' })
export class EvidenceContentInput {
  @Field(() => EvidenceVersionKindType)
  @IsEnum(EvidenceVersionKindType)
  kind: EvidenceVersionKindType;

  @Field(() => ID, { nullable: true, description: 'FILE and GENERATED: an uploaded file of the organisation (uploaded by the caller).' })
  @IsOptional()
  @IsUUID('all', { message: 'fileId must be a UUID' })
  fileId?: string | null;

  @Field(() => String, { nullable: true, description: 'LINK: an https address.' })
  @IsOptional()
  @IsString()
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'RECORD: the JSON payload as text (at most 256 KiB of canonical JSON); the server hashes its canonical form.' })
  @IsOptional()
  @IsString()
  payload?: string | null;

  @Field(() => Boolean, { nullable: true, description: "RECORD: whether the collector's assertion held." })
  @IsOptional()
  @IsBoolean()
  assertionPassed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'GENERATED: what the document was generated from, as JSON text.' })
  @IsOptional()
  @IsString()
  provenance?: string | null;
}

@InputType()
export class EvidenceDatesInput {
  @Field(() => Date, { nullable: true, description: 'When it was collected; now when omitted.' })
  @IsOptional()
  collectedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day it takes effect; the day collected when omitted.' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage('effectiveDate') })
  @IsISO8601({ strict: true }, { message: calendarMessage('effectiveDate') })
  effectiveDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: first day of the period covered.' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage('periodStart') })
  @IsISO8601({ strict: true }, { message: calendarMessage('periodStart') })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: last day of the period covered.' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage('periodEnd') })
  @IsISO8601({ strict: true }, { message: calendarMessage('periodEnd') })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; after it the evidence no longer counts.' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage('validUntil') })
  @IsISO8601({ strict: true }, { message: calendarMessage('validUntil') })
  validUntil?: string | null;
}

@InputType()
export class AddEvidenceInput extends EvidenceDatesInput {
  @Field()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 10_000)
  description?: string | null;

  @Field(() => ID, { description: 'The organisation unit (department) the evidence belongs to.' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @Field(() => EvidenceSourceType, { nullable: true, description: 'MANUAL when omitted.' })
  @IsOptional()
  @IsEnum(EvidenceSourceType)
  source?: EvidenceSourceType | null;

  @Field(() => [String], { nullable: true, description: 'Annex A 2022 control ids, e.g. ["A.5.15", "A.8.5"].' })
  @IsOptional()
  @ArrayMaxSize(MAX_MAPPINGS)
  @Matches(CONTROL_ID, { each: true, message: CONTROL_ID_MESSAGE })
  controlIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Clause requirements of ISO/IEC 27001:2022, e.g. ["9.2.2"].' })
  @IsOptional()
  @ArrayMaxSize(MAX_MAPPINGS)
  @Matches(CLAUSE, { each: true, message: CLAUSE_MESSAGE })
  clauses?: string[] | null;

  @Field(() => EvidenceContentInput)
  @ValidateNested()
  content: EvidenceContentInput;
}

@InputType({ description: 'A new version supersedes the current one; dates given replace the item’s, the others stay.' })
export class AddEvidenceVersionInput extends EvidenceDatesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'evidenceId must be a UUID' })
  evidenceId: string;

  @Field(() => EvidenceContentInput)
  @ValidateNested()
  content: EvidenceContentInput;
}

@InputType()
export class ReviewEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => EvidenceDecisionType)
  @IsEnum(EvidenceDecisionType)
  decision: EvidenceDecisionType;

  @Field(() => String, { nullable: true, description: 'Why; required when rejecting.' })
  @IsOptional()
  @Length(1, 5000)
  reason?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version the reviewer looked at; refused (VERSION_NOT_CURRENT) when a newer one came in meanwhile.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  versionNumber?: number | null;
}

@InputType()
export class MapEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_MAPPINGS)
  @Matches(CONTROL_ID, { each: true, message: CONTROL_ID_MESSAGE })
  controlIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_MAPPINGS)
  @Matches(CLAUSE, { each: true, message: CLAUSE_MESSAGE })
  clauses?: string[] | null;
}

@InputType()
export class EvidenceFilterInput {
  @Field(() => String, { nullable: true, description: 'Only items mapped to this Annex A control.' })
  @IsOptional()
  @Matches(CONTROL_ID, { message: CONTROL_ID_MESSAGE })
  controlId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only items mapped to this clause requirement.' })
  @IsOptional()
  @Matches(CLAUSE, { message: CLAUSE_MESSAGE })
  clause?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => EvidenceStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(EvidenceStatusType)
  status?: EvidenceStatusType | null;

  @Field(() => EvidenceSourceType, { nullable: true })
  @IsOptional()
  @IsEnum(EvidenceSourceType)
  source?: EvidenceSourceType | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: only items whose validity ends before this day.' })
  @IsOptional()
  @Matches(DAY, { message: dayMessage('expiringBefore') })
  @IsISO8601({ strict: true }, { message: calendarMessage('expiringBefore') })
  expiringBefore?: string | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or description (case-insensitive).' })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;
}

@ArgsType()
export class EvidenceItemsArgs extends PageArgs {
  @Field(() => EvidenceFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: EvidenceFilterInput | null;
}

@ArgsType()
export class ExpiringEvidenceArgs extends PageArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Approved evidence whose validity ends within this many days from today (0 to 366).' })
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays: number;
}
