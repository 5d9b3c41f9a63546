import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CompetenceRecordKindType {
  TRAINING = 'TRAINING',
  QUALIFICATION = 'QUALIFICATION',
  EXPERIENCE = 'EXPERIENCE',
}
registerEnumType(CompetenceRecordKindType, { name: 'CompetenceRecordKind', description: 'What shows the competence: a training, a qualification, or experience.' });

/** evidence-service owns evidence items; a competence record only refers to one by id. */
@ObjectType('EvidenceItem')
@Directive('@key(fields: "id", resolvable: false)')
export class EvidenceItemRefType {
  @Field(() => ID)
  id: string;
}

@ObjectType('Competence', { description: 'A competence of the organisation\'s catalogue (ISO/IEC 27001 clause 7.2).' })
export class CompetenceType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  /** Resolved by the `course` field resolver. */
  courseId: string | null;
}

@ObjectType('JobRoleCompetences', { description: 'The competences a job role requires.' })
export class JobRoleCompetencesType {
  @Field({ description: 'The job role, normalised (trimmed, single spaces, lower case) as people\'s job roles are compared.' })
  jobRole: string;

  @Field(() => Int, { description: 'Active people who hold the job role.' })
  people: number;

  @Field(() => [CompetenceType])
  competences: CompetenceType[];
}

@ObjectType('CompetenceRecord', { description: 'What shows that a person has a competence: entered by someone other than the person.' })
export class CompetenceRecordType {
  @Field(() => ID)
  id: string;

  /** Resolved by field resolvers (`person`, `competence`, `evidenceItem`). */
  personId: string;
  competenceId: string;
  evidenceItemId: string | null;

  @Field(() => CompetenceRecordKindType)
  kind: CompetenceRecordKindType;

  @Field()
  title: string;

  @Field({ description: 'YYYY-MM-DD.' })
  obtainedOn: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, inclusive; null when it does not expire.' })
  validUntil: string | null;

  @Field({ description: 'Valid today: obtained and not expired.' })
  valid: boolean;

  @Field(() => String, { nullable: true })
  issuer: string | null;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field({ description: 'Who entered the record (their name).' })
  recordedByName: string;

  @Field(() => Date)
  recordedAt: Date;
}

@ObjectType('PersonCompetenceGap', { description: 'A person\'s required competences on a day, and those no valid record or completed course covers.' })
export class PersonCompetenceGapType {
  /** Resolved by the `person` and `unit` field resolvers. */
  personId: string;
  unitId: string | null;

  @Field({ description: 'The person\'s name as replicated from isms-service.' })
  name: string;

  @Field(() => String, { nullable: true })
  jobRole: string | null;

  @Field(() => Int, { description: 'Competences the job role requires.' })
  required: number;

  @Field(() => [CompetenceType], { description: 'Required competences not covered, by name.' })
  missing: CompetenceType[];
}

@ObjectType('PersonCompetenceGapConnection')
export class PersonCompetenceGapConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [PersonCompetenceGapType])
  nodes: PersonCompetenceGapType[];
}

@ObjectType('CompetenceGapCount', { description: 'How many people of a unit (with its sub-units) miss a competence.' })
export class CompetenceGapCountType {
  @Field(() => CompetenceType)
  competence: CompetenceType;

  @Field(() => Int)
  missing: number;
}

@ObjectType('UnitCompetenceGaps', { description: 'A unit\'s competence gaps rolled up over its sub-units.' })
export class UnitCompetenceGapsType {
  /** Resolved by the `unit` field resolver. */
  unitId: string;

  @Field(() => Int, { description: 'Active people of the unit and its sub-units.' })
  people: number;

  @Field(() => Int, { description: 'Of them, those missing at least one required competence.' })
  peopleWithGaps: number;

  @Field(() => Int, { description: 'Missing competences summed over the people.' })
  gapCount: number;

  @Field(() => [CompetenceGapCountType], { description: 'Per competence, how many miss it (most first).' })
  gaps: CompetenceGapCountType[];
}

@ObjectType('MyCompetences', { description: 'The caller\'s competence records and the competences their job role still needs.' })
export class MyCompetencesType {
  @Field(() => String, { nullable: true })
  jobRole: string | null;

  @Field(() => [CompetenceRecordType])
  records: CompetenceRecordType[];

  @Field(() => [CompetenceType])
  missing: CompetenceType[];
}
