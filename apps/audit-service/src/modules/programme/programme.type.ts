import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('ClauseCoverage', { description: 'A requirement of clauses 4 to 10 and the internal audits that cover it.' })
export class ClauseCoverageType {
  @Field({ description: 'e.g. "9.2"' })
  clause: string;

  @Field()
  title: string;

  @Field(() => [ID])
  engagementIds: string[];

  @Field()
  covered: boolean;
}

@ObjectType('ControlCoverage', { description: 'An applicable Annex A control and the internal audits that cover it.' })
export class ControlCoverageType {
  @Field()
  controlId: string;

  @Field()
  title: string;

  @Field(() => [ID])
  engagementIds: string[];

  @Field()
  covered: boolean;
}

@ObjectType('AuditProgramme', { description: 'Whether the internal audits of a period cover every requirement and every applicable control (clause 9.2).' })
export class AuditProgrammeType {
  @Field({ description: 'YYYY-MM-DD' })
  from: string;

  @Field({ description: 'YYYY-MM-DD' })
  to: string;

  @Field(() => Int, { nullable: true, description: 'The published SoA version whose applicable controls count; null: none published, all 93 count.' })
  soaVersion: number | null;

  @Field(() => [ClauseCoverageType])
  clauses: ClauseCoverageType[];

  @Field(() => [ControlCoverageType])
  controls: ControlCoverageType[];

  @Field(() => Int)
  clausesCovered: number;

  @Field(() => Int)
  controlsCovered: number;
}
