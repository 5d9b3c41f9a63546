import DataLoader from 'dataloader';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule, STAFF, TRAINING_READERS } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { courseLoader } from '../courses/course.reference';
import { toCourseType } from '../courses/course.mapper';
import { CourseType } from '../courses/course.type';
import { PersonRefType } from '../people/person.type';
import { OrgUnitRefType } from '../policy-acknowledgements/policy-acknowledgement.type';
import { CompetenceEntity } from './competence.entity';
import { CompetenceGapPageArgs, CompetenceRecordsArgs, CreateCompetenceInput, RecordCompetenceInput, SetJobRoleCompetencesInput, UnitCompetenceGapsArgs } from './competence.input';
import { toCompetenceRecordType, toCompetenceType } from './competence.mapper';
import { COMPETENCE_RECORDERS } from './competence.scope';
import { CompetenceService, PersonGap, UnitGaps } from './competence.service';
import {
  CompetenceGapCountType,
  CompetenceRecordType,
  CompetenceType,
  EvidenceItemRefType,
  JobRoleCompetencesType,
  MyCompetencesType,
  PersonCompetenceGapConnectionType,
  PersonCompetenceGapType,
  UnitCompetenceGapsType,
} from './competence.type';

function competenceLoader(service: CompetenceService, context: RequestContext): DataLoader<string, CompetenceEntity | null> {
  return oneToOneLoader(context, 'competences', (ids) => service.byIds(context.claims.organisationId, ids));
}

function toPersonGapType(gap: PersonGap): PersonCompetenceGapType {
  return Object.assign(new PersonCompetenceGapType(), { ...gap, missing: gap.missing.map(toCompetenceType) });
}

function toUnitGapsType(unit: UnitGaps): UnitCompetenceGapsType {
  return Object.assign(new UnitCompetenceGapsType(), {
    ...unit,
    gaps: unit.gaps.map((gap) => Object.assign(new CompetenceGapCountType(), { competence: toCompetenceType(gap.competence), missing: gap.missing })),
  });
}

@Resolver(() => CompetenceType)
export class CompetenceResolver {
  private readonly service: CompetenceService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new CompetenceService(deps);
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's competence catalogue: the same for every reader")
  @Query(() => [CompetenceType], { description: 'The competence catalogue (clause 7.2), by name.' })
  async competences(@Ctx() context: RequestContext): Promise<CompetenceType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toCompetenceType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'job roles and their required competences are organisation data, as the catalogue')
  @Query(() => [JobRoleCompetencesType], {
    description: 'Every job role held by an active person or named by a requirement (normalised), with the competences it requires.',
  })
  async jobRoleCompetences(@Ctx() context: RequestContext): Promise<JobRoleCompetencesType[]> {
    return (await this.service.jobRoles(context.claims.organisationId)).map((role) =>
      Object.assign(new JobRoleCompetencesType(), { jobRole: role.jobRole, people: role.people, competences: role.competences.map(toCompetenceType) }),
    );
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Own, "a person of the caller's units or the caller themself; organisation-wide roles anyone; an external auditor the grant's units and the records obtained within its period")
  @Query(() => [CompetenceRecordType], { description: "One person's competence records, newest first (expired ones included, marked valid: false)." })
  async competenceRecords(@Args() args: CompetenceRecordsArgs, @Ctx() context: RequestContext): Promise<CompetenceRecordType[]> {
    return (await this.service.records(context.claims, args.personId, context.access)).map((record) => toCompetenceRecordType(record));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the caller's own records and gaps, whatever their role")
  @Query(() => MyCompetencesType, { description: "The caller's competence records and the competences their job role still needs." })
  async myCompetences(@Ctx() context: RequestContext): Promise<MyCompetencesType> {
    const mine = await this.service.mine(context.claims);
    return Object.assign(new MyCompetencesType(), {
      jobRole: mine.jobRole,
      records: mine.records.map((record) => toCompetenceRecordType(record)),
      missing: mine.missing.map(toCompetenceType),
    });
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Own, "the active people of the caller's units and the caller, filtered in SQL with totalCount; organisation-wide roles everyone; an external auditor the grant's units")
  @Query(() => PersonCompetenceGapConnectionType, {
    description: "People's required competences and those not covered by a valid record or a completed course, by name, a page at a time; filter by unit (with sub-units) and to people with gaps.",
  })
  async competenceGaps(@Args() args: CompetenceGapPageArgs, @Ctx() context: RequestContext): Promise<PersonCompetenceGapConnectionType> {
    const page = await this.service.gapPage(context.claims, args, context.access);
    return Object.assign(new PersonCompetenceGapConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toPersonGapType) });
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "the units the caller reaches (sub-units included), counting only the people they reach; organisation-wide roles every unit; an external auditor the grant's units")
  @Query(() => [UnitCompetenceGapsType], { description: 'Competence gaps per unit, rolled up over its sub-units: people, people with gaps, and per competence how many miss it.' })
  async unitCompetenceGaps(@Args() args: UnitCompetenceGapsArgs, @Ctx() context: RequestContext): Promise<UnitCompetenceGapsType[]> {
    return (await this.service.unitGaps(context.claims, args, context.access)).map(toUnitGapsType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the catalogue is organisation data: programme managers only')
  @Mutation(() => CompetenceType, { description: 'Adds a competence to the catalogue: a name not yet taken (ignoring case), optionally a course whose completion grants it.' })
  async createCompetence(@Arg('input') input: CreateCompetenceInput, @Ctx() context: RequestContext): Promise<CompetenceType> {
    return toCompetenceType(await this.service.create(context.claims.organisationId, input));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'requirements per job role are organisation data: programme managers only')
  @Mutation(() => JobRoleCompetencesType, { description: 'Sets the competences a job role requires (replacing its previous list).' })
  async setJobRoleCompetences(@Arg('input') input: SetJobRoleCompetencesInput, @Ctx() context: RequestContext): Promise<JobRoleCompetencesType> {
    const role = await this.service.setJobRole(context.claims.organisationId, input);
    const [known] = (await this.service.jobRoles(context.claims.organisationId)).filter((candidate) => candidate.jobRole === role.jobRole);
    return Object.assign(new JobRoleCompetencesType(), { jobRole: role.jobRole, people: known?.people ?? 0, competences: role.competences.map(toCompetenceType) });
  }

  @Authorized(COMPETENCE_RECORDERS)
  @Scoped(ScopeRule.Units, "programme managers for anyone; a risk or control owner for the people of their units; never for oneself")
  @Mutation(() => CompetenceRecordType, { description: "Records a person's competence (training, qualification or experience), optionally with an evidence item; nobody records their own." })
  async recordCompetence(@Arg('input') input: RecordCompetenceInput, @Ctx() context: RequestContext): Promise<CompetenceRecordType> {
    return toCompetenceRecordType(await this.service.record({ claims: context.claims, access: context.access }, input));
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, 'the granting course of the catalogue (organisation data), as courses')
  @FieldResolver(() => CourseType, { nullable: true, description: 'A course whose completion grants the competence.' })
  async course(@Root() competence: CompetenceType, @Ctx() context: RequestContext): Promise<CourseType | null> {
    if (!competence.courseId) return null;
    const course = await courseLoader(this.deps, context).load(competence.courseId);
    return course ? toCourseType(course) : null;
  }
}

@Resolver(() => CompetenceRecordType)
export class CompetenceRecordResolver {
  private readonly service: CompetenceService;

  constructor(deps: ServiceDeps) {
    this.service = new CompetenceService(deps);
  }

  @Authorized(TRAINING_READERS)
  @Scoped(ScopeRule.Organisation, "the record's competence, of the catalogue (organisation data)")
  @FieldResolver(() => CompetenceType)
  async competence(@Root() record: CompetenceRecordType, @Ctx() context: RequestContext): Promise<CompetenceType> {
    const competence = await competenceLoader(this.service, context).load(record.competenceId);
    if (!competence) throw new Error(`competence ${record.competenceId} of record ${record.id} is missing`);
    return toCompetenceType(competence);
  }

  @Scoped(ScopeRule.Parent, 'the id of the person the record is about')
  @FieldResolver(() => PersonRefType, { description: 'Whose competence; isms-service resolves their name.' })
  person(@Root() record: CompetenceRecordType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: record.personId });
  }

  @Scoped(ScopeRule.Parent, "the evidence item's id; evidence-service resolves it under its own rules")
  @FieldResolver(() => EvidenceItemRefType, { nullable: true, description: 'The evidence that backs the record; evidence-service resolves it.' })
  evidenceItem(@Root() record: CompetenceRecordType): EvidenceItemRefType | null {
    return record.evidenceItemId ? Object.assign(new EvidenceItemRefType(), { id: record.evidenceItemId }) : null;
  }
}

@Resolver(() => PersonCompetenceGapType)
export class PersonCompetenceGapResolver {
  @Scoped(ScopeRule.Parent, 'the id of the person the gaps are about')
  @FieldResolver(() => PersonRefType)
  person(@Root() gap: PersonCompetenceGapType): PersonRefType {
    return Object.assign(new PersonRefType(), { id: gap.personId });
  }

  @Scoped(ScopeRule.Parent, "the id of the person's unit")
  @FieldResolver(() => OrgUnitRefType, { nullable: true })
  unit(@Root() gap: PersonCompetenceGapType): OrgUnitRefType | null {
    return gap.unitId ? Object.assign(new OrgUnitRefType(), { id: gap.unitId }) : null;
  }
}

@Resolver(() => UnitCompetenceGapsType)
export class UnitCompetenceGapsResolver {
  @Scoped(ScopeRule.Parent, 'the id of the unit the counts are about')
  @FieldResolver(() => OrgUnitRefType)
  unit(@Root() gaps: UnitCompetenceGapsType): OrgUnitRefType {
    return Object.assign(new OrgUnitRefType(), { id: gaps.unitId });
  }
}
