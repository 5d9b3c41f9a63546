import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType('RiskScaleLevel', { description: 'One level of a likelihood or impact scale.' })
export class ScaleLevelType {
  @Field(() => Int)
  value: number;

  @Field()
  label: string;

  @Field()
  description: string;
}

@ObjectType('RiskLevelDefinition', { description: 'A risk level of the methodology (e.g. HIGH); rank 1 is the lowest.' })
export class RiskLevelDefinitionType {
  @Field()
  key: string;

  @Field()
  label: string;

  @Field()
  description: string;

  @Field(() => Int)
  rank: number;
}

@ObjectType('RiskMatrixCell')
export class MatrixCellType {
  @Field(() => Int)
  likelihood: number;

  @Field(() => Int)
  impact: number;

  @Field({ description: 'Key of the risk level of this cell.' })
  level: string;
}

@ObjectType('RiskMethodology', { description: 'A published version of the risk assessment methodology (ISO/IEC 27001 6.1.2).' })
export class MethodologyType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => [ScaleLevelType])
  likelihoodScale: ScaleLevelType[];

  @Field(() => [ScaleLevelType])
  impactScale: ScaleLevelType[];

  @Field(() => [RiskLevelDefinitionType], { description: 'Lowest first.' })
  levels: RiskLevelDefinitionType[];

  @Field(() => [MatrixCellType], { description: 'Every likelihood × impact cell, by likelihood then impact.' })
  matrix: MatrixCellType[];

  @Field({ description: 'Risk appetite: the highest level acceptable without treatment or owner acceptance.' })
  appetite: string;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field({ description: 'Who published it; "system" for the built-in default.' })
  publishedBy: string;

  @Field({ description: 'True for the built-in default 5×5 (version 1) that every organisation starts with: nobody published it, and it holds until the organisation publishes version 2.' })
  builtIn: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was published; null for the built-in default, which never was.' })
  publishedAt: Date | null;
}

export enum MethodologyDraftStatusType {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}
registerEnumType(MethodologyDraftStatusType, { name: 'RiskMethodologyDraftStatus' });

@ObjectType('RiskMethodologyDraft', {
  description: 'A methodology version submitted for approval: published once someone other than its submitter and its contributors approves it.',
})
export class MethodologyDraftType {
  @Field(() => ID)
  id: string;

  @Field(() => MethodologyDraftStatusType)
  status: MethodologyDraftStatusType;

  @Field(() => Int, { description: 'The version in force when it was submitted, which it replaces.' })
  baseVersion: number;

  @Field(() => MethodologyType, { description: 'The methodology it proposes, as it would be published (version baseVersion + 1).' })
  proposed: MethodologyType;

  @Field({ description: 'Subject (user id) of who submitted it.' })
  submittedBy: string;

  @Field()
  submittedAt: Date;

  @Field(() => [String], { description: 'Subjects of everyone who wrote or revised it: none of them may approve it.' })
  contributors: string[];

  @Field(() => String, { nullable: true, description: 'Who approved or rejected it.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  decisionNote: string | null;

  @Field(() => Int, { nullable: true, description: 'The version it was published as, once approved.' })
  publishedVersion: number | null;
}
