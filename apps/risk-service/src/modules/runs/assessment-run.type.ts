import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('RiskAssessmentRun', { description: 'A dated snapshot of the register: every risk\'s scores, levels, treatment and status.' })
export class AssessmentRunType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'The current methodology version when the run was taken.' })
  methodologyVersion: number;

  @Field(() => Int)
  riskCount: number;

  @Field()
  takenBy: string;

  @Field()
  takenAt: Date;
}

@ObjectType('RiskRunItem', { description: 'A risk as a run saw it.' })
export class RunItemType {
  @Field(() => ID)
  riskId: string;

  @Field()
  title: string;

  @Field()
  status: string;

  @Field(() => String, { nullable: true })
  treatment: string | null;

  @Field(() => Int)
  inherentVersion: number;

  @Field(() => Int)
  inherentLikelihood: number;

  @Field(() => Int)
  inherentImpact: number;

  @Field()
  inherentLevel: string;

  @Field(() => Int, { nullable: true })
  residualVersion: number | null;

  @Field(() => Int, { nullable: true })
  residualLikelihood: number | null;

  @Field(() => Int, { nullable: true })
  residualImpact: number | null;

  @Field(() => String, { nullable: true })
  residualLevel: string | null;

  @Field()
  accepted: boolean;

  @Field()
  needsAcceptance: boolean;
}

@ObjectType('RiskRunFieldChange')
export class FieldChangeType {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;

  @Field(() => Int, { nullable: true, description: 'after − before for likelihood, impact and score.' })
  delta: number | null;
}

@ObjectType('RiskRunChange')
export class RunChangeType {
  @Field(() => ID)
  riskId: string;

  @Field()
  title: string;

  @Field(() => RunItemType)
  before: RunItemType;

  @Field(() => RunItemType)
  after: RunItemType;

  @Field(() => [FieldChangeType])
  changes: FieldChangeType[];
}

@ObjectType('RiskRunComparison')
export class RunComparisonType {
  @Field(() => AssessmentRunType)
  from: AssessmentRunType;

  @Field(() => AssessmentRunType)
  to: AssessmentRunType;

  @Field(() => [RunItemType])
  added: RunItemType[];

  @Field(() => [RunItemType])
  removed: RunItemType[];

  @Field(() => [RunChangeType])
  changed: RunChangeType[];

  @Field(() => Int)
  unchanged: number;
}
