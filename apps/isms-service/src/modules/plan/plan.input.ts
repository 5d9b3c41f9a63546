import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';
import { CertificationTaskStatusType } from './plan.type';

@InputType()
export class AddCertificationTaskInput {
  @Field(() => ID)
  @IsUUID()
  phaseId: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field({ defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

@InputType({ description: 'Omitted fields stay as they are; null clears owner or due date.' })
export class UpdateCertificationTaskInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => CertificationTaskStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(CertificationTaskStatusType)
  status?: CertificationTaskStatusType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;
}

@InputType()
export class RecordManagementCommitmentInput {
  @Field(() => ID, { description: 'The executive sponsor (a person of the organisation).' })
  @IsUUID()
  sponsorPersonId: string;

  @Field({ description: 'The decision as minuted, e.g. "The board commits to ISO 27001 certification by Q4 and funds ..."' })
  @Length(10, 10_000, { message: 'decision must state the decision (10 to 10,000 characters)' })
  decision: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  decidedOn: string;
}

@ArgsType()
export class OverdueTasksArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today (UTC) when omitted.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
