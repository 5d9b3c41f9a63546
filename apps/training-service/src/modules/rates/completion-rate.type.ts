import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('CompletionCounts', { description: 'Assignments owed (exempt and withdrawn ones left out), completed and overdue, and the completion rate.' })
export class CompletionCountsType {
  @Field(() => Int, { description: 'Assignments owed: not exempt, not withdrawn.' })
  total: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int, { description: 'Still owed and past the due date (whether or not the overdue job has run yet).' })
  overdue: number;

  @Field(() => Int)
  exempt: number;

  @Field(() => Float, { description: 'completed / total in percent (one decimal); 0 when nothing is owed.' })
  rate: number;
}

@ObjectType('UnitCompletion', { description: "A unit's completion, its sub-units included." })
export class UnitCompletionType extends CompletionCountsType {
  @Field(() => ID)
  unitId: string;

  @Field()
  unitName: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;
}

@ObjectType('JobRoleCompletion', { description: 'Completion of the people holding one job role (normalised; null: no job role recorded).' })
export class JobRoleCompletionType extends CompletionCountsType {
  @Field(() => String, { nullable: true })
  jobRole: string | null;
}

@ObjectType('CampaignCompletion', { description: "A campaign's completion in its current round: overall, per unit rolled up the hierarchy, per job role." })
export class CampaignCompletionType extends CompletionCountsType {
  @Field(() => ID)
  campaignId: string;

  @Field(() => Int)
  round: number;

  @Field(() => [UnitCompletionType], { description: 'Every unit with people enrolled in it or below it, by name.' })
  units: UnitCompletionType[];

  @Field(() => [JobRoleCompletionType])
  jobRoles: JobRoleCompletionType[];
}

@ObjectType('CompletionPoint', { description: 'The completion recorded on one day (the daily snapshot).' })
export class CompletionPointType {
  @Field({ description: 'YYYY-MM-DD' })
  day: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int)
  overdue: number;

  @Field(() => Float)
  rate: number;
}
