import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ControlThemeType } from '../catalogue/control.type';

export enum GapStatusType {
  NOT_IN_PLACE = 'NOT_IN_PLACE',
  PARTIAL = 'PARTIAL',
  LARGELY = 'LARGELY',
  FULLY = 'FULLY',
}
registerEnumType(GapStatusType, {
  name: 'GapStatus',
  description: 'Score of a gap item: NOT_IN_PLACE 0, PARTIAL 1, LARGELY 2 (minor gaps), FULLY 3 (operating, with evidence).',
});

export enum GapItemKindType {
  CLAUSE = 'CLAUSE',
  CONTROL = 'CONTROL',
}
registerEnumType(GapItemKindType, { name: 'GapItemKind', description: 'A clause requirement (4.1 … 10.2) or an Annex A control.' });

@ObjectType('GapAssessment', { description: 'The gap assessment of one clause requirement or Annex A control (assessed: false until someone assesses it).' })
export class GapAssessmentType {
  @Field(() => ID, { description: '"6.1.2" or "A.5.1".' })
  itemId: string;

  @Field(() => GapItemKindType)
  kind: GapItemKindType;

  @Field()
  title: string;

  @Field(() => Int, { nullable: true, description: 'The clause (4 … 10) of a clause requirement.' })
  clause: number | null;

  @Field(() => ControlThemeType, { nullable: true, description: 'The Annex A theme of a control.' })
  theme: ControlThemeType | null;

  @Field()
  assessed: boolean;

  @Field(() => GapStatusType, { nullable: true })
  status: GapStatusType | null;

  @Field(() => Int, { nullable: true, description: '0 … 3' })
  score: number | null;

  @Field(() => String, { nullable: true })
  currentState: string | null;

  @Field(() => String, { nullable: true })
  gap: string | null;

  @Field(() => String, { nullable: true })
  remediationAction: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  remediationDueOn: string | null;

  @Field(() => String, { nullable: true })
  assessedByName: string | null;

  @Field(() => Date, { nullable: true })
  assessedAt: Date | null;

  /** Resolved to the `remediationOwner` stub. */
  remediationOwnerId: string | null;
}

@ObjectType('GapStatusCount')
export class GapStatusCountType {
  @Field(() => GapStatusType)
  status: GapStatusType;

  @Field(() => Int)
  count: number;
}

@ObjectType('GapRollUp', { description: 'Readiness of a group of gap items: a clause (4 … 10), an Annex A theme, or everything.' })
export class GapRollUpType {
  @Field({ description: '"4" … "10", a theme (ORGANIZATIONAL …), CLAUSES, ANNEX_A or OVERALL.' })
  key: string;

  @Field()
  title: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  assessed: number;

  @Field(() => [GapStatusCountType])
  counts: GapStatusCountType[];

  @Field(() => Float, { description: 'Sum of scores / (3 × items) × 100; items not assessed count as 0.' })
  readinessPercent: number;
}

@ObjectType('GapAnalysis', { description: 'Readiness overall, for clauses 4 … 10 and for Annex A, rolled up per clause and per theme.' })
export class GapAnalysisType {
  @Field(() => GapRollUpType)
  overall: GapRollUpType;

  @Field(() => GapRollUpType)
  clausesOverall: GapRollUpType;

  @Field(() => GapRollUpType)
  controlsOverall: GapRollUpType;

  @Field(() => [GapRollUpType])
  byClause: GapRollUpType[];

  @Field(() => [GapRollUpType])
  byTheme: GapRollUpType[];
}

@ObjectType('GapQuestion', { description: 'One question of the gap questionnaire, with the answer given so far.' })
export class GapQuestionType {
  @Field(() => ID)
  itemId: string;

  @Field(() => GapItemKindType)
  kind: GapItemKindType;

  @Field()
  title: string;

  @Field()
  question: string;

  @Field(() => GapStatusType, { nullable: true, description: 'The current answer, if any.' })
  status: GapStatusType | null;
}
