import { In, QueryFailedError } from 'typeorm';
import { Access, Claims, grantPeriodCondition } from '@iso27001/authz';
import { PersonReplicaEntity, PersonReplicaService, unitSubtreeCte } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { CourseEntity } from '../courses/course.entity';
import { traineeCondition, traineeFilter } from '../people/person.scope';
import { CompetenceRecordEntity } from './competence-record.entity';
import { CompetenceRequirementEntity } from './competence-requirement.entity';
import { CompetenceEntity } from './competence.entity';
import { competenceErrors } from './competence.errors';
import { CompetenceGapPageArgs, CreateCompetenceInput, RecordCompetenceInput, SetJobRoleCompetencesInput, UnitCompetenceGapsArgs } from './competence.input';
import { cleanName, isDay, normaliseJobRole, normalisedJobRoleSql, recordDatesProblem, TEXT_MAX, todayUtc } from './competence.rules';
import { recordRefusal } from './competence.scope';

/** Who reads: the organisation, and the grant period that bounds an external auditor. */
type Reader = Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>;

export interface PersonGap {
  personId: string;
  name: string;
  unitId: string | null;
  jobRole: string | null;
  required: number;
  missing: CompetenceEntity[];
}

export interface UnitGaps {
  unitId: string;
  people: number;
  peopleWithGaps: number;
  gapCount: number;
  gaps: { competence: CompetenceEntity; missing: number }[];
}

/**
 * The people a gap query looks at and what they miss on day $2, as CTEs (after `WITH RECURSIVE`):
 * `filter_unit` the subtree of the unit filter ($6 roots), `people` the active people the caller reaches ($3 whole
 * organisation, else $4 units or $5 themself) within the filter ($6, $7 with sub-units) or only $8 (a person),
 * `required` each person's required competences (their normalised job role's requirements), `missing` those no record
 * valid on the day and no completed course of the competence covers.
 */
const GAP_CTES = `
  ${unitSubtreeCte('filter_unit', '$1', '$6')},
  people AS (
    SELECT p.person_id, p.name, p.unit_id, p.job_role FROM person_replica p
    WHERE p.organisation_id = $1 AND p.active
      AND ($3::boolean OR p.unit_id = ANY($4::uuid[]) OR p.person_id = $5::uuid)
      AND ($6::uuid[] IS NULL OR p.unit_id = ANY($6::uuid[]) OR ($7::boolean AND p.unit_id IN (SELECT unit_id FROM filter_unit)))
      AND ($8::uuid IS NULL OR p.person_id = $8::uuid)
  ),
  required AS (
    SELECT pe.person_id, r.competence_id FROM people pe
    JOIN competence_requirement r ON r.organisation_id = $1 AND r.job_role = ${normalisedJobRoleSql('pe.job_role')}
  ),
  missing AS (
    SELECT rq.person_id, rq.competence_id FROM required rq
    JOIN competence c ON c.id = rq.competence_id
    WHERE NOT EXISTS (
        SELECT 1 FROM competence_record cr
        WHERE cr.organisation_id = $1 AND cr.person_id = rq.person_id AND cr.competence_id = rq.competence_id
          AND cr.obtained_on <= $2::date AND (cr.valid_until IS NULL OR cr.valid_until >= $2::date))
      AND NOT (c.course_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM assignment a
        WHERE a.organisation_id = $1 AND a.person_id = rq.person_id AND a.course_id = c.course_id AND a.status = 'COMPLETED'
          AND (a.completed_at IS NULL OR (a.completed_at AT TIME ZONE 'UTC')::date <= $2::date)))
  )`;

export class CompetenceService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  /** The catalogue, by name. */
  list(organisationId: string): Promise<CompetenceEntity[]> {
    return this.deps.dataSource.getRepository(CompetenceEntity).find({ where: { organisationId }, order: { name: 'ASC', id: 'ASC' } });
  }

  private async catalogue(organisationId: string): Promise<Map<string, CompetenceEntity>> {
    return new Map((await this.list(organisationId)).map((competence) => [competence.id, competence]));
  }

  async byIds(organisationId: string, ids: readonly string[]): Promise<CompetenceEntity[]> {
    if (ids.length === 0) return [];
    return this.deps.dataSource.getRepository(CompetenceEntity).findBy({ organisationId, id: In([...ids]) });
  }

  /** A new competence: a name not yet taken in the organisation (ignoring case), an optional granting course. */
  async create(organisationId: string, input: CreateCompetenceInput): Promise<CompetenceEntity> {
    const name = cleanName(input.name, 'the competence name');
    if ('problem' in name) throw competenceErrors.raise('COMPETENCE_NAME_INVALID', name.problem);
    const description = input.description?.trim() || null;
    if (description && description.length > TEXT_MAX) throw competenceErrors.raise('COMPETENCE_NAME_INVALID', `description must be at most ${TEXT_MAX} characters`);
    return this.deps.dataSource.transaction(async (manager) => {
      if (input.courseId) {
        const course = await manager.getRepository(CourseEntity).findOneBy({ organisationId, id: input.courseId });
        if (!course) throw competenceErrors.raise('COMPETENCE_COURSE_UNKNOWN', `course ${input.courseId} does not exist`);
      }
      const taken = () => competenceErrors.raise('COMPETENCE_NAME_TAKEN', `a competence named "${name.value}" already exists`);
      const [existing] = await manager.query('SELECT 1 FROM competence WHERE organisation_id = $1 AND lower(name) = lower($2)', [organisationId, name.value]);
      if (existing) throw taken();
      const repository = manager.getRepository(CompetenceEntity);
      try {
        return await repository.save(repository.create({ organisationId, name: name.value, description, courseId: input.courseId ?? null }));
      } catch (error) {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') throw taken();
        throw error;
      }
    });
  }

  /**
   * Every job role held by an active person or named by a requirement (normalised), with the competences it
   * requires and how many active people hold it; by role.
   */
  async jobRoles(organisationId: string): Promise<{ jobRole: string; people: number; competences: CompetenceEntity[] }[]> {
    const rows: { job_role: string; people: string; competence_ids: string[] }[] = await this.deps.dataSource.query(
      `WITH roles AS (
         SELECT ${normalisedJobRoleSql('job_role')} AS job_role, count(*) AS people FROM person_replica
         WHERE organisation_id = $1 AND active AND job_role IS NOT NULL AND btrim(job_role) <> '' GROUP BY 1
       ), required AS (
         SELECT job_role, array_agg(competence_id) AS competence_ids FROM competence_requirement WHERE organisation_id = $1 GROUP BY job_role
       )
       SELECT coalesce(r.job_role, q.job_role) AS job_role, coalesce(r.people, 0) AS people, coalesce(q.competence_ids, '{}') AS competence_ids
       FROM roles r FULL JOIN required q ON q.job_role = r.job_role
       ORDER BY 1`,
      [organisationId],
    );
    const catalogue = await this.catalogue(organisationId);
    return rows.map((row) => ({
      jobRole: row.job_role,
      people: Number(row.people),
      competences: byName(row.competence_ids.map((id) => catalogue.get(id)).filter((c): c is CompetenceEntity => c !== undefined)),
    }));
  }

  /** Replaces the competences a job role requires; unknown competences refuse the whole change. */
  async setJobRole(organisationId: string, input: SetJobRoleCompetencesInput): Promise<{ jobRole: string; competences: CompetenceEntity[] }> {
    const cleaned = cleanName(input.jobRole, 'the job role');
    if ('problem' in cleaned) throw competenceErrors.raise('JOB_ROLE_INVALID', cleaned.problem);
    const jobRole = normaliseJobRole(cleaned.value);
    const wanted = [...new Set(input.competenceIds.map((id) => id.toLowerCase()))];
    return this.deps.dataSource.transaction(async (manager) => {
      const competences = wanted.length ? await manager.getRepository(CompetenceEntity).findBy({ organisationId, id: In(wanted) }) : [];
      const unknown = wanted.filter((id) => !competences.some((competence) => competence.id === id));
      if (unknown.length) throw competenceErrors.raise('COMPETENCE_UNKNOWN', `no competence ${unknown.join(', ')} in the catalogue`);
      const repository = manager.getRepository(CompetenceRequirementEntity);
      const current = await repository.findBy({ organisationId, jobRole });
      const dropped = current.filter((row) => !wanted.includes(row.competenceId));
      if (dropped.length) await repository.remove(dropped);
      const added = wanted.filter((id) => !current.some((row) => row.competenceId === id));
      if (added.length) await repository.save(added.map((competenceId) => repository.create({ organisationId, jobRole, competenceId })));
      return { jobRole, competences: byName(competences) };
    });
  }

  /**
   * Records a competence for a person, after every check (nothing is written otherwise): a person of the replica,
   * a competence of the catalogue, a title, dates that make sense, and a recorder who is not the person and reaches
   * them (competence.scope `recordRefusal`).
   */
  async record(caller: { claims: Claims; access: Access }, input: RecordCompetenceInput, today: string = todayUtc()): Promise<CompetenceRecordEntity> {
    const { organisationId } = caller.claims;
    const title = cleanName(input.title, 'the title');
    if ('problem' in title) throw competenceErrors.raise('COMPETENCE_RECORD_INVALID', title.problem);
    const dates = recordDatesProblem({ obtainedOn: input.obtainedOn, validUntil: input.validUntil ?? null }, today);
    if (dates) throw competenceErrors.raise('COMPETENCE_RECORD_INVALID', dates);
    return this.deps.dataSource.transaction(async (manager) => {
      const person = await this.people.byId(manager, organisationId, input.personId);
      if (!person) throw competenceErrors.raise('COMPETENCE_PERSON_UNKNOWN', `no person ${input.personId} is known to training`);
      const refusal = recordRefusal(caller, person);
      if (refusal === 'self') throw competenceErrors.raise('COMPETENCE_SELF_RECORD', 'you cannot record your own competence: someone else must record it for you');
      if (refusal === 'reach') throw competenceErrors.raise('COMPETENCE_PERSON_OUT_OF_REACH', `${person.name} is not in a unit you own: only a programme manager or an owner of their unit records their competence`);
      const competence = await manager.getRepository(CompetenceEntity).findOneBy({ organisationId, id: input.competenceId });
      if (!competence) throw competenceErrors.raise('COMPETENCE_UNKNOWN', `no competence ${input.competenceId} in the catalogue`);
      const repository = manager.getRepository(CompetenceRecordEntity);
      return repository.save(
        repository.create({
          organisationId,
          personId: person.personId,
          competenceId: competence.id,
          kind: input.kind,
          title: title.value,
          obtainedOn: input.obtainedOn,
          validUntil: input.validUntil ?? null,
          issuer: input.issuer?.trim() || null,
          notes: input.notes?.trim() || null,
          evidenceItemId: input.evidenceItemId ?? null,
          recordedBySubject: caller.claims.sub,
          recordedByName: caller.claims.name,
        }),
      );
    });
  }

  /** A person's records, newest first: within the caller's reach and, for an external auditor, obtained within the grant's period. */
  async records(reader: Reader, personId: string, access: Access): Promise<CompetenceRecordEntity[]> {
    const query = this.deps.dataSource
      .getRepository(CompetenceRecordEntity)
      .createQueryBuilder('r')
      .leftJoin(PersonReplicaEntity, 'p', 'p.organisation_id = r.organisation_id AND p.person_id = r.person_id')
      .where('r.organisation_id = :organisationId AND r.person_id = :personId', { organisationId: reader.organisationId, personId });
    const reach = traineeCondition(access, { person: 'r.person_id', unit: 'p.unit_id' });
    if (reach) query.andWhere(reach.sql, reach.parameters);
    const period = grantPeriodCondition(reader, 'r.obtained_on', 'date');
    if (period) query.andWhere(period.sql, period.parameters);
    return query.orderBy('r.obtained_on', 'DESC').addOrderBy('r.created_at', 'DESC').getMany();
  }

  /** The caller's own records and gaps (their person record by e-mail); nothing when they are not in the register. */
  async mine(claims: Claims, today: string = todayUtc()): Promise<{ jobRole: string | null; records: CompetenceRecordEntity[]; missing: CompetenceEntity[] }> {
    const person = await this.people.byEmail(this.deps.dataSource.manager, claims.organisationId, claims.email);
    if (!person) return { jobRole: null, records: [], missing: [] };
    const records = await this.deps.dataSource
      .getRepository(CompetenceRecordEntity)
      .find({ where: { organisationId: claims.organisationId, personId: person.personId }, order: { obtainedOn: 'DESC', createdAt: 'DESC' } });
    // The person filter alone bounds the statement: the caller is reading their own gaps.
    const own: Access = { personId: person.personId, roles: [], organisationWide: true, unitIds: [] };
    const [gap] = (await this.gapRows(claims.organisationId, own, today, { person: person.personId, first: 1, offset: 0 })).nodes;
    return { jobRole: person.jobRole, records, missing: gap?.missing ?? [] };
  }

  /** People's gaps on a day, a page at a time by name: one statement for the page and its total. */
  async gapPage(reader: Reader, args: CompetenceGapPageArgs, access: Access): Promise<{ totalCount: number; nodes: PersonGap[] }> {
    const day = this.day(args.on);
    return this.gapRows(reader.organisationId, access, day, {
      unitId: args.unitId ?? null,
      includeSubUnits: args.includeSubUnits,
      onlyWithGaps: args.onlyWithGaps,
      first: args.first,
      offset: args.offset,
    });
  }

  private day(on: string | null | undefined): string {
    if (on == null) return todayUtc();
    if (!isDay(on)) throw competenceErrors.raise('COMPETENCE_DAY_INVALID', `on "${on}" is not a day (YYYY-MM-DD)`);
    return on;
  }

  private async gapRows(
    organisationId: string,
    access: Access,
    day: string,
    options: { unitId?: string | null; includeSubUnits?: boolean; onlyWithGaps?: boolean; person?: string; first: number; offset: number },
  ): Promise<{ totalCount: number; nodes: PersonGap[] }> {
    const reach = traineeFilter(access);
    const rows: { person_id: string; name: string; unit_id: string | null; job_role: string | null; required: string; missing: string[]; total: string }[] =
      await this.deps.dataSource.query(
        `WITH RECURSIVE ${GAP_CTES},
         required_count AS (SELECT person_id, count(*) AS n FROM required GROUP BY person_id),
         missing_ids AS (SELECT person_id, array_agg(competence_id) AS ids FROM missing GROUP BY person_id)
         SELECT pe.person_id, pe.name, pe.unit_id, pe.job_role, coalesce(rc.n, 0) AS required, coalesce(m.ids, '{}') AS missing, count(*) OVER () AS total
         FROM people pe
         LEFT JOIN required_count rc ON rc.person_id = pe.person_id
         LEFT JOIN missing_ids m ON m.person_id = pe.person_id
         WHERE NOT $9::boolean OR m.ids IS NOT NULL
         ORDER BY lower(pe.name), pe.person_id
         OFFSET $10 LIMIT $11`,
        [
          organisationId,
          day,
          reach === null,
          reach?.unitIds ?? [],
          reach?.personId ?? null,
          options.unitId ? [options.unitId] : null,
          options.includeSubUnits ?? true,
          options.person ?? null,
          options.onlyWithGaps ?? false,
          options.offset,
          options.first,
        ],
      );
    const catalogue = await this.catalogue(organisationId);
    return {
      totalCount: rows.length ? Number(rows[0]!.total) : await this.countBeyondPage(organisationId, access, day, options), // eslint-disable-line @typescript-eslint/no-non-null-assertion
      nodes: rows.map((row) => ({
        personId: row.person_id,
        name: row.name,
        unitId: row.unit_id,
        jobRole: row.job_role,
        required: Number(row.required),
        missing: byName(row.missing.map((id) => catalogue.get(id)).filter((c): c is CompetenceEntity => c !== undefined)),
      })),
    };
  }

  /** The total when the page itself is empty (an offset past the end): rare, so a second statement is fine there. */
  private async countBeyondPage(organisationId: string, access: Access, day: string, options: { unitId?: string | null; includeSubUnits?: boolean; onlyWithGaps?: boolean; person?: string; offset: number }): Promise<number> {
    if (options.offset === 0) return 0;
    const reach = traineeFilter(access);
    const [row]: { total: string }[] = await this.deps.dataSource.query(
      `WITH RECURSIVE ${GAP_CTES}
       SELECT count(*) AS total FROM people pe WHERE NOT $9::boolean OR EXISTS (SELECT 1 FROM missing m WHERE m.person_id = pe.person_id)`,
      [organisationId, day, reach === null, reach?.unitIds ?? [], reach?.personId ?? null, options.unitId ? [options.unitId] : null, options.includeSubUnits ?? true, options.person ?? null, options.onlyWithGaps ?? false],
    );
    return Number(row?.total ?? 0);
  }

  /**
   * Gaps per unit, rolled up the hierarchy in one statement: each unit (of those the caller reaches, or below the
   * filter unit) counts the active people of its subtree the caller reaches, those with at least one gap, and per
   * competence how many miss it. Units without people are left out.
   */
  async unitGaps(reader: Reader, args: UnitCompetenceGapsArgs, access: Access): Promise<UnitGaps[]> {
    const { organisationId } = reader;
    const day = this.day(args.on);
    const reach = traineeFilter(access);
    const rows: { unit_id: string; competence_id: string | null; whole: number; people: string | null; with_gaps: string | null; gaps: string }[] = await this.deps.dataSource.query(
      `WITH RECURSIVE ${GAP_CTES},
       tree(ancestor, unit_id) AS (
         SELECT u.unit_id, u.unit_id FROM unit_replica u
         WHERE u.organisation_id = $1 AND ($3::boolean OR u.unit_id = ANY($4::uuid[]))
           AND ($6::uuid[] IS NULL OR u.unit_id IN (SELECT unit_id FROM filter_unit))
         UNION
         SELECT t.ancestor, u.unit_id FROM unit_replica u JOIN tree t ON u.parent_id = t.unit_id WHERE u.organisation_id = $1
       ),
       -- Summed per leaf unit first (each person is in one unit), then over the (ancestor, unit) pairs: no DISTINCT.
       person_missing AS (SELECT person_id, count(*) AS n FROM missing GROUP BY person_id),
       unit_people AS (
         SELECT pe.unit_id, count(*) AS people, count(pm.person_id) AS with_gaps, coalesce(sum(pm.n), 0) AS gaps
         FROM people pe LEFT JOIN person_missing pm ON pm.person_id = pe.person_id GROUP BY pe.unit_id
       ),
       unit_competence AS (SELECT pe.unit_id, m.competence_id, count(*) AS n FROM missing m JOIN people pe ON pe.person_id = m.person_id GROUP BY 1, 2)
       SELECT t.ancestor AS unit_id, NULL::uuid AS competence_id, 1 AS whole, sum(up.people) AS people, sum(up.with_gaps) AS with_gaps, sum(up.gaps) AS gaps
       FROM tree t JOIN unit_people up ON up.unit_id = t.unit_id GROUP BY t.ancestor
       UNION ALL
       SELECT t.ancestor, uc.competence_id, 0, NULL, NULL, sum(uc.n)
       FROM tree t JOIN unit_competence uc ON uc.unit_id = t.unit_id GROUP BY t.ancestor, uc.competence_id`,
      [organisationId, day, reach === null, reach?.unitIds ?? [], reach?.personId ?? null, args.unitId ? [args.unitId] : null, true, null],
    );
    const catalogue = await this.catalogue(organisationId);
    const units = new Map<string, UnitGaps>();
    const unit = (id: string) => {
      let entry = units.get(id);
      if (!entry) units.set(id, (entry = { unitId: id, people: 0, peopleWithGaps: 0, gapCount: 0, gaps: [] }));
      return entry;
    };
    for (const row of rows) {
      const entry = unit(row.unit_id);
      if (Number(row.whole) === 1) {
        Object.assign(entry, { people: Number(row.people), peopleWithGaps: Number(row.with_gaps), gapCount: Number(row.gaps) });
      } else if (row.competence_id) {
        const competence = catalogue.get(row.competence_id);
        if (competence) entry.gaps.push({ competence, missing: Number(row.gaps) });
      }
    }
    for (const entry of units.values()) entry.gaps.sort((a, b) => b.missing - a.missing || a.competence.name.localeCompare(b.competence.name));
    return [...units.values()].sort((a, b) => b.gapCount - a.gapCount || a.unitId.localeCompare(b.unitId));
  }
}

function byName(competences: CompetenceEntity[]): CompetenceEntity[] {
  return [...competences].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
