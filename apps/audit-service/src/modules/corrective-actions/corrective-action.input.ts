import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsISO8601, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { CorrectiveActionStatusType } from './corrective-action.type';

@InputType({ description: 'The plan of a corrective action: all three texts are needed; owner and due date change it when given.' })
export class PlanCorrectiveActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'correctiveActionId must be a UUID' })
  correctiveActionId: string;

  @Field({ description: 'What was done at once to contain the nonconformity.' })
  @Length(1, 4000, { message: 'correction must be 1 to 4000 characters' })
  correction: string;

  @Field()
  @Length(1, 4000, { message: 'rootCause must be 1 to 4000 characters' })
  rootCause: string;

  @Field({ description: 'The action that removes the root cause.' })
  @Length(1, 4000, { message: 'actionPlan must be 1 to 4000 characters' })
  actionPlan: string;

  @Field(() => ID, { nullable: true, description: 'A new owner (an active person); only a programme manager changes the owner.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerPersonId must be a UUID' })
  ownerPersonId?: string | null;

  @Field(() => String, { nullable: true, description: 'A new due date, YYYY-MM-DD, not in the past; only a programme manager moves it.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueOn must be a date such as 2026-12-31' })
  dueOn?: string | null;
}

@InputType({ description: 'The action was done: what was done, and the evidence items that show it.' })
export class ImplementCorrectiveActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'correctiveActionId must be a UUID' })
  correctiveActionId: string;

  @Field()
  @Length(1, 4000, { message: 'completionNote must be 1 to 4000 characters' })
  completionNote: string;

  @Field(() => [ID], { description: 'Evidence items (evidence-service) that show the action was done: at least one.' })
  @ArrayMinSize(1, { message: 'evidenceIds must name at least one evidence item that shows the action was done' })
  @ArrayMaxSize(50, { message: 'evidenceIds may name at most 50 evidence items' })
  @IsUUID('all', { each: true, message: 'each evidence id must be a UUID' })
  evidenceIds: string[];
}

@InputType({ description: "An independent auditor's judgement of whether the implemented action removed the nonconformity." })
export class CheckCorrectiveActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'correctiveActionId must be a UUID' })
  correctiveActionId: string;

  @Field()
  @IsBoolean()
  effective: boolean;

  @Field({ description: 'What was checked and why it is (or is not) effective.' })
  @Length(1, 4000, { message: 'note must be 1 to 4000 characters' })
  note: string;
}

@InputType()
export class CloseFindingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'findingId must be a UUID' })
  findingId: string;

  @Field()
  @Length(1, 4000, { message: 'comment must be 1 to 4000 characters' })
  comment: string;
}

@ArgsType()
export class CorrectiveActionsArgs {
  @Field(() => CorrectiveActionStatusType, { nullable: true })
  @IsOptional()
  @IsEnum(CorrectiveActionStatusType)
  status?: CorrectiveActionStatusType | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones; false: only those not overdue.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}
