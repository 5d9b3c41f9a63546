import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RiskTreatmentType {
  MODIFY = 'MODIFY',
  AVOID = 'AVOID',
  TRANSFER = 'TRANSFER',
  ACCEPT = 'ACCEPT',
}
registerEnumType(RiskTreatmentType, {
  name: 'RiskTreatment',
  description: 'ISO/IEC 27005 treatment option: modify (apply controls), avoid, transfer (share) or accept (retain).',
});

export enum RiskStatusType {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(RiskStatusType, { name: 'RiskStatus' });

export enum RiskAssessmentKindType {
  INHERENT = 'INHERENT',
  RESIDUAL = 'RESIDUAL',
}
registerEnumType(RiskAssessmentKindType, { name: 'RiskAssessmentKind', description: 'Before treatment (inherent) or after it (residual).' });

export enum RiskActionStatusType {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RiskActionStatusType, { name: 'RiskActionStatus' });

export enum RiskSortField {
  SCORE = 'SCORE',
  TITLE = 'TITLE',
  DUE = 'DUE',
  UPDATED = 'UPDATED',
}
registerEnumType(RiskSortField, {
  name: 'RiskSortField',
  description: 'SCORE: current level then likelihood × impact (highest first); TITLE; DUE: next review date (soonest first); UPDATED (latest first).',
});

export enum RiskSortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(RiskSortDirection, { name: 'RiskSortDirection' });

@ObjectType('RiskAssessment', { description: 'One recorded assessment; assessments are never rewritten.' })
export class RiskAssessmentType {
  @Field(() => ID)
  id: string;

  @Field(() => RiskAssessmentKindType)
  kind: RiskAssessmentKindType;

  @Field(() => Int)
  methodologyVersion: number;

  @Field(() => Int)
  likelihood: number;

  @Field(() => Int)
  impact: number;

  @Field()
  level: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'Subject (user id) of who recorded it.' })
  assessedBy: string;

  @Field()
  assessedAt: Date;
}

@ObjectType('RiskAction', { description: 'A planned action of the risk treatment plan.' })
export class RiskActionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  riskId: string;

  @Field()
  title: string;

  @Field({ description: 'yyyy-mm-dd' })
  dueOn: string;

  @Field(() => RiskActionStatusType)
  status: RiskActionStatusType;

  ownerId: string | null;
}

@ObjectType('RiskAcceptance', { description: 'The risk owner\'s signed acceptance of the residual risk.' })
export class RiskAcceptanceType {
  @Field({ description: 'Subject (user id) of the signer.' })
  acceptedBy: string;

  @Field()
  acceptedAt: Date;

  @Field(() => String, { nullable: true })
  note: string | null;

  personId: string;
}

@ObjectType('Risk', { description: 'A risk of the register: its assessments under the methodology, its treatment and its residual risk.' })
@Directive('@key(fields: "id")')
export class RiskType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  threat: string | null;

  @Field(() => String, { nullable: true })
  vulnerability: string | null;

  @Field(() => Int)
  inherentLikelihood: number;

  @Field(() => Int)
  inherentImpact: number;

  @Field(() => Int, { description: 'Inherent likelihood × inherent impact.' })
  inherentScore: number;

  @Field(() => Int, { description: 'Methodology version the inherent assessment was made under.' })
  inherentVersion: number;

  @Field({ description: 'Level of the inherent assessment under its methodology version.' })
  inherentLevel: string;

  @Field(() => Int, { nullable: true })
  residualLikelihood: number | null;

  @Field(() => Int, { nullable: true })
  residualImpact: number | null;

  @Field(() => Int, { nullable: true })
  residualScore: number | null;

  @Field(() => Int, { nullable: true })
  residualVersion: number | null;

  @Field(() => String, { nullable: true })
  residualLevel: string | null;

  @Field({ description: 'The residual level when assessed, else the inherent level.' })
  currentLevel: string;

  @Field({ description: 'Residual level above the appetite of its methodology version and not accepted by the risk owner.' })
  needsAcceptance: boolean;

  @Field(() => RiskAcceptanceType, { nullable: true })
  acceptance: RiskAcceptanceType | null;

  @Field({ description: 'When the current owner was assigned: the owner accepts only a residual assessment recorded after it, by someone else.' })
  ownerAssignedAt: Date;

  @Field(() => RiskTreatmentType, { nullable: true })
  treatment: RiskTreatmentType | null;

  @Field(() => String, { nullable: true })
  treatmentRationale: string | null;

  @Field(() => RiskStatusType)
  status: RiskStatusType;

  @Field(() => String, { nullable: true, description: 'yyyy-mm-dd' })
  nextReviewOn: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  /** Not in the schema: resolved to the `owner`, `unit` and `controls` stubs. */
  ownerId: string | null;
  unitId: string | null;
  controlIds: string[];
}

@ObjectType('RiskPageInfo')
export class RiskPageInfoType {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor: string | null;
}

@ObjectType('RiskConnection')
export class RiskConnectionType {
  @Field(() => [RiskType])
  nodes: RiskType[];

  @Field(() => Int, { description: 'Risks matching the filter, over all pages.' })
  totalCount: number;

  @Field(() => RiskPageInfoType)
  pageInfo: RiskPageInfoType;
}

@ObjectType('RiskHeatMapCell')
export class HeatMapCellType {
  @Field(() => Int)
  likelihood: number;

  @Field(() => Int)
  impact: number;

  @Field()
  level: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('RiskHeatMap', { description: 'Open risks per likelihood × impact cell of the current methodology.' })
export class HeatMapType {
  @Field(() => Int)
  methodologyVersion: number;

  @Field(() => [HeatMapCellType], { description: 'Every cell, by likelihood then impact; inherent assessments made under this version.' })
  inherent: HeatMapCellType[];

  @Field(() => [HeatMapCellType], { description: 'Every cell; residual assessments made under this version.' })
  residual: HeatMapCellType[];

  @Field(() => Int, { description: 'Open risks whose inherent assessment is under an older version (re-assess to count them here).' })
  inherentOnOtherVersions: number;

  @Field(() => Int, { description: 'Open risks whose residual assessment is under an older version.' })
  residualOnOtherVersions: number;
}
