import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { CompetenceRecordKindType } from './competence.type';

/** Names are checked by the service (competence.rules `cleanName`), so an empty or long one gets its own code. */
@InputType()
export class CreateCompetenceInput {
  @Field()
  @IsString()
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'A course whose completion grants the competence.' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string | null;
}

@InputType()
export class SetJobRoleCompetencesInput {
  @Field({ description: 'The job role as people carry it (compared trimmed, single spaces, ignoring case).' })
  @IsString()
  jobRole: string;

  @Field(() => [ID], { description: 'All the competences the role requires (replaces the previous list; empty clears it).' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'competenceIds must be UUIDs' })
  competenceIds: string[];
}

@InputType()
export class RecordCompetenceInput {
  @Field(() => ID, { description: 'The person (isms-service Person id).' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'competenceId must be a UUID' })
  competenceId: string;

  @Field(() => CompetenceRecordKindType)
  @IsEnum(CompetenceRecordKindType)
  kind: CompetenceRecordKindType;

  @Field()
  @IsString()
  title: string;

  @Field({ description: 'YYYY-MM-DD; not in the future.' })
  @IsString()
  obtainedOn: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, inclusive; not before obtainedOn. Omit when it does not expire.' })
  @IsOptional()
  @IsString()
  validUntil?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: 'issuer must be at most 200 characters' })
  issuer?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000, { message: 'notes must be at most 5000 characters' })
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: 'An evidence item (evidence-service) that backs the record.' })
  @IsOptional()
  @IsUUID('all', { message: 'evidenceItemId must be a UUID' })
  evidenceItemId?: string | null;
}

@ArgsType()
export class CompetenceRecordsArgs {
  @Field(() => ID, { description: 'The person (isms-service Person id).' })
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId: string;
}

@ArgsType()
export class CompetenceGapPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only people of this unit and, unless includeSubUnits is false, of all units below it.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  includeSubUnits: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Only people missing at least one required competence.' })
  @IsBoolean()
  onlyWithGaps: boolean;

  @Field(() => String, { nullable: true, description: 'The day (YYYY-MM-DD) records must be valid on; today unless given.' })
  @IsOptional()
  @IsString()
  on?: string | null;
}

@ArgsType()
export class UnitCompetenceGapsArgs {
  @Field(() => ID, { nullable: true, description: 'Only this unit and the units below it; every unit the caller reaches when omitted.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'The day (YYYY-MM-DD) records must be valid on; today unless given.' })
  @IsOptional()
  @IsString()
  on?: string | null;
}
