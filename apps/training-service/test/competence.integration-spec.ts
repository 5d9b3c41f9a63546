import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { OrgUnitUpserted, PersonUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { rollUp } from '../src/modules/competence/competence.rules';
import { training } from '../src/subgraph';

const CREATE = 'mutation($input: CreateCompetenceInput!) { createCompetence(input: $input) { id name description course { id title } } }';
const SET_ROLE = 'mutation($input: SetJobRoleCompetencesInput!) { setJobRoleCompetences(input: $input) { jobRole people competences { name } } }';
const ROLES = '{ jobRoleCompetences { jobRole people competences { name } } }';
const RECORD =
  'mutation($input: RecordCompetenceInput!) { recordCompetence(input: $input) { id kind title obtainedOn validUntil valid recordedByName person { id } competence { name } evidenceItem { id } } }';
const GAPS =
  'query($unitId: ID, $sub: Boolean, $only: Boolean, $on: String, $first: Int, $offset: Int) { competenceGaps(unitId: $unitId, includeSubUnits: $sub, onlyWithGaps: $only, on: $on, first: $first, offset: $offset) { totalCount nodes { name jobRole required missing { name } person { id } unit { id } } } }';
const UNIT_GAPS = 'query($unitId: ID, $on: String) { unitCompetenceGaps(unitId: $unitId, on: $on) { unit { id } people peopleWithGaps gapCount gaps { competence { name } missing } } }';
const RECORDS = 'query($personId: ID!) { competenceRecords(personId: $personId) { title obtainedOn valid competence { name } } }';
const MINE = '{ myCompetences { jobRole records { title competence { name } } missing { name } } }';

interface Person {
  id: string;
  email: string;
  name: string;
  unitId: string | null;
  jobRole: string | null;
  active: boolean;
}
interface GapNode {
  name: string;
  jobRole: string | null;
  required: number;
  missing: { name: string }[];
  person: { id: string };
  unit: { id: string } | null;
}
interface UnitGapNode {
  unit: { id: string };
  people: number;
  peopleWithGaps: number;
  gapCount: number;
  gaps: { competence: { name: string }; missing: number }[];
}

const day = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Competence (clause 7.2) over the real database and broker: people and units arrive as isms-service events; the ISMS
 * manager defines competences and what job roles require; records and completed courses close gaps, expiry reopens
 * them; per unit the gaps roll up the hierarchy; everyone reads within their reach; nobody records their own.
 */
describe('training-service: competence records and gaps', () => {
  const prefix = uniqueTopicPrefix('competence');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;
  const operations = randomUUID();
  const serviceDesk = randomUUID();
  const finance = randomUUID();
  const manager = testClaims([Role.IsmsManager]);
  const people: Record<string, Person> = {};
  let controlOwner: Claims;
  const competence: Record<string, string> = {};
  let courseId: string;

  const person = (name: string, unitId: string | null, jobRole: string | null, active = true): Person =>
    (people[name] = { id: randomUUID(), email: `${name.toLowerCase()}@example.test`, name, unitId, jobRole, active });
  const who = (name: string): Person => {
    const found = people[name];
    if (!found) throw new Error(`no test person ${name}`);
    return found;
  };
  const employee = (p: Person, overrides: Partial<Claims> = {}) => testClaims([Role.Employee], { email: p.email, name: p.name, ...overrides });
  const gaps = async (variables: Record<string, unknown> = {}, claims: Claims = manager) =>
    (await service.ok<{ competenceGaps: { totalCount: number; nodes: GapNode[] } }>(GAPS, variables, claims)).competenceGaps;
  const missingByName = (nodes: GapNode[]) => Object.fromEntries(nodes.map((node) => [node.name, node.missing.map((m) => m.name)]));
  const rowCounts = async () => {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM competence) AS competences, (SELECT count(*) FROM competence_requirement) AS requirements, (SELECT count(*) FROM competence_record) AS records',
    );
    return { competences: Number(row.competences), requirements: Number(row.requirements), records: Number(row.records) };
  };
  const record = (input: Record<string, unknown>, claims: Claims = manager) =>
    service.request<{ recordCompetence: { id: string; valid: boolean } }>(RECORD, { input: { kind: 'TRAINING', title: 'Course certificate', obtainedOn: day(-30), ...input } }, claims);

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'isms-stand-in');
    await events.publishAs(OrgUnitUpserted, { id: operations, name: 'Operations', kind: 'BUSINESS_UNIT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: serviceDesk, name: 'Service desk', kind: 'TEAM', parentId: operations });
    await events.publishAs(OrgUnitUpserted, { id: finance, name: 'Finance', kind: 'DEPARTMENT', parentId: null });
    for (const p of [
      person('Ivy', finance, 'ISMS Manager'),
      person('Dev', operations, 'Software Engineer'),
      person('Dana', serviceDesk, '  software   engineer '),
      person('Abe', finance, 'Accountant'),
      person('Carla', finance, null),
      person('Gone', operations, 'Software Engineer', false),
    ]) {
      await events.publishAs(PersonUpserted, { ...p, managerId: null });
    }
    await eventually('people and units replicated', async () => {
      const [row] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM person_replica) AS people, (SELECT count(*) FROM unit_replica) AS units');
      return Number(row.people) === 6 && Number(row.units) === 3 ? true : undefined;
    });
    controlOwner = testClaims([Role.ControlOwner], { email: who('Carla').email, name: 'Carla', unitIds: [operations] });
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(
      'mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }',
      { input: { title: 'Secure coding essentials', kind: 'ROLE_BASED', durationMinutes: 45 } },
      manager,
    );
    courseId = createCourse.id;
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('builds the catalogue and the requirements per job role, refusing bad input without writing anything', async () => {
    for (const [key, input] of [
      ['coding', { name: 'Secure coding', description: 'OWASP Top 10 in practice', courseId }],
      ['threats', { name: 'Threat modelling' }],
      ['ledger', { name: 'Accounting controls' }],
      ['lead', { name: '  ISO 27001   lead implementer ' }],
    ] as const) {
      competence[key] = (await service.ok<{ createCompetence: { id: string } }>(CREATE, { input }, manager)).createCompetence.id;
    }
    const { competences } = await service.ok<{ competences: { name: string; course: { id: string } | null }[] }>('{ competences { name course { id } } }', {}, employee(who('Dev')));
    expect(competences).toEqual([
      { name: 'Accounting controls', course: null },
      { name: 'ISO 27001 lead implementer', course: null },
      { name: 'Secure coding', course: { id: courseId } },
      { name: 'Threat modelling', course: null },
    ]);

    await service.ok(SET_ROLE, { input: { jobRole: 'Software Engineer', competenceIds: [competence['coding'], competence['threats'], competence['ledger']] } }, manager);
    // Replacing the list drops what is no longer required.
    const { setJobRoleCompetences } = await service.ok<{ setJobRoleCompetences: unknown }>(SET_ROLE, { input: { jobRole: ' SOFTWARE engineer', competenceIds: [competence['threats'], competence['coding']] } }, manager);
    expect(setJobRoleCompetences).toEqual({ jobRole: 'software engineer', people: 2, competences: [{ name: 'Secure coding' }, { name: 'Threat modelling' }] });
    await service.ok(SET_ROLE, { input: { jobRole: 'Accountant', competenceIds: [competence['ledger']] } }, manager);
    await service.ok(SET_ROLE, { input: { jobRole: 'ISMS manager', competenceIds: [competence['lead']] } }, manager);
    const { jobRoleCompetences } = await service.ok<{ jobRoleCompetences: unknown[] }>(ROLES, {}, manager);
    expect(jobRoleCompetences).toEqual([
      { jobRole: 'accountant', people: 1, competences: [{ name: 'Accounting controls' }] },
      { jobRole: 'isms manager', people: 1, competences: [{ name: 'ISO 27001 lead implementer' }] },
      { jobRole: 'software engineer', people: 2, competences: [{ name: 'Secure coding' }, { name: 'Threat modelling' }] },
    ]);

    const before = await rowCounts();
    const refusals: [string, Record<string, unknown>, string, Claims?][] = [
      [CREATE, { input: { name: 'secure CODING' } }, 'COMPETENCE_NAME_TAKEN'],
      [CREATE, { input: { name: '   ' } }, 'COMPETENCE_NAME_INVALID'],
      [CREATE, { input: { name: 'x'.repeat(201) } }, 'COMPETENCE_NAME_INVALID'],
      [CREATE, { input: { name: 'Forensics', courseId: randomUUID() } }, 'COMPETENCE_COURSE_UNKNOWN'],
      [CREATE, { input: { name: 'Forensics' } }, 'FORBIDDEN', controlOwner],
      [SET_ROLE, { input: { jobRole: 'Accountant', competenceIds: [competence['ledger'], randomUUID()] } }, 'COMPETENCE_UNKNOWN'],
      [SET_ROLE, { input: { jobRole: ' ', competenceIds: [] } }, 'JOB_ROLE_INVALID'],
      [SET_ROLE, { input: { jobRole: 'Accountant', competenceIds: [] } }, 'FORBIDDEN', controlOwner],
    ];
    for (const [query, variables, code, claims] of refusals) {
      const result = await service.request(query, variables, claims ?? manager);
      expect({ variables, code: result.errors?.[0]?.extensions?.['code'] }).toEqual({ variables, code });
    }
    const taken = await service.request(CREATE, { input: { name: 'secure CODING' } }, manager);
    expect(taken.errors?.[0]?.message).toBe('a competence named "secure CODING" already exists');
    expect(await rowCounts()).toEqual(before);
  });

  it('computes each active person\'s gaps from their job role, filtered by unit (with sub-units) and to people with gaps', async () => {
    const all = await gaps();
    expect(all.totalCount).toBe(5); // Gone is inactive
    expect(missingByName(all.nodes)).toEqual({
      Abe: ['Accounting controls'],
      Carla: [],
      Dana: ['Secure coding', 'Threat modelling'],
      Dev: ['Secure coding', 'Threat modelling'],
      Ivy: ['ISO 27001 lead implementer'],
    });
    expect(all.nodes.map((node) => node.name)).toEqual(['Abe', 'Carla', 'Dana', 'Dev', 'Ivy']);
    expect(all.nodes.find((node) => node.name === 'Dana')).toMatchObject({ required: 2, unit: { id: serviceDesk }, person: { id: who('Dana').id } });
    expect((await gaps({ only: true })).totalCount).toBe(4);
    expect((await gaps({ unitId: operations })).nodes.map((node) => node.name)).toEqual(['Dana', 'Dev']);
    expect((await gaps({ unitId: operations, sub: false })).nodes.map((node) => node.name)).toEqual(['Dev']);
    const page = await gaps({ first: 2, offset: 2 });
    expect({ total: page.totalCount, names: page.nodes.map((node) => node.name) }).toEqual({ total: 5, names: ['Dana', 'Dev'] });
    expect((await gaps({ first: 2, offset: 10 })).totalCount).toBe(5);
    expect((await service.request(GAPS, { on: '2026-02-30' }, manager)).errors?.[0]?.extensions?.['code']).toBe('COMPETENCE_DAY_INVALID');
  });

  it('closes a gap by a valid record or a completed course, and reopens it when the record expires', async () => {
    const recorded = await record({ personId: who('Dev').id, competenceId: competence['threats'], kind: 'QUALIFICATION', title: 'STRIDE workshop', issuer: 'AppSec guild', evidenceItemId: '6d4f0000-0000-4000-8000-00000000e001' }, controlOwner);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordCompetence).toMatchObject({ kind: 'QUALIFICATION', valid: true, recordedByName: 'Carla', competence: { name: 'Threat modelling' }, evidenceItem: { id: '6d4f0000-0000-4000-8000-00000000e001' } });
    expect(missingByName((await gaps({ unitId: operations })).nodes)['Dev']).toEqual(['Secure coding']);

    // Completing the course that grants "Secure coding" closes the rest.
    const { assignCourse } = await service.ok<{ assignCourse: { id: string } }>('mutation($input: AssignCourseInput!) { assignCourse(input: $input) { id } }', { input: { courseId, personId: who('Dev').id, dueOn: day(30) } }, manager);
    expect(missingByName((await gaps({ unitId: operations })).nodes)['Dev']).toEqual(['Secure coding']); // assigned is not completed
    await service.ok('mutation($id: ID!) { completeAssignment(id: $id) { status } }', { id: assignCourse.id }, manager);
    expect(missingByName((await gaps({ unitId: operations })).nodes)['Dev']).toEqual([]);

    // A record valid for ten more days closes Dana's gap today, not on the eleventh day; an expired one never.
    await record({ personId: who('Dana').id, competenceId: competence['threats'], obtainedOn: day(-400), validUntil: day(-1), title: 'Old workshop' }, controlOwner);
    expect(missingByName((await gaps({ unitId: serviceDesk })).nodes)['Dana']).toEqual(['Secure coding', 'Threat modelling']);
    await record({ personId: who('Dana').id, competenceId: competence['threats'], obtainedOn: day(-20), validUntil: day(10) }, controlOwner);
    expect(missingByName((await gaps({ unitId: serviceDesk })).nodes)['Dana']).toEqual(['Secure coding']);
    expect(missingByName((await gaps({ unitId: serviceDesk, on: day(10) })).nodes)['Dana']).toEqual(['Secure coding']);
    expect(missingByName((await gaps({ unitId: serviceDesk, on: day(11) })).nodes)['Dana']).toEqual(['Secure coding', 'Threat modelling']);
    const { competenceRecords } = await service.ok<{ competenceRecords: { title: string; valid: boolean }[] }>(RECORDS, { personId: who('Dana').id }, manager);
    expect(competenceRecords.map((r) => [r.title, r.valid])).toEqual([
      ['Course certificate', true],
      ['Old workshop', false],
    ]);
  });

  it('rolls gaps up the unit hierarchy, equal to a count by hand and to the per-person figures', async () => {
    const { unitCompetenceGaps } = await service.ok<{ unitCompetenceGaps: UnitGapNode[] }>(UNIT_GAPS, {}, manager);
    const byUnit = new Map(unitCompetenceGaps.map((unit) => [unit.unit.id, unit]));
    // By hand: Operations = Dev (no gaps left) + Dana (Secure coding); Service desk = Dana; Finance = Ivy, Abe, Carla (no role needs).
    expect(byUnit.get(operations)).toEqual({ unit: { id: operations }, people: 2, peopleWithGaps: 1, gapCount: 1, gaps: [{ competence: { name: 'Secure coding' }, missing: 1 }] });
    expect(byUnit.get(serviceDesk)).toEqual({ unit: { id: serviceDesk }, people: 1, peopleWithGaps: 1, gapCount: 1, gaps: [{ competence: { name: 'Secure coding' }, missing: 1 }] });
    expect(byUnit.get(finance)).toEqual({
      unit: { id: finance },
      people: 3,
      peopleWithGaps: 2,
      gapCount: 2,
      gaps: [
        { competence: { name: 'Accounting controls' }, missing: 1 },
        { competence: { name: 'ISO 27001 lead implementer' }, missing: 1 },
      ],
    });
    expect(byUnit.size).toBe(3);
    // The same from the per-person page through the pure roll-up, on a later day too.
    for (const on of [day(), day(11)]) {
      const { nodes } = await gaps({ on, first: 100 });
      const expected = rollUp(
        [
          { unitId: operations, parentId: null },
          { unitId: serviceDesk, parentId: operations },
          { unitId: finance, parentId: null },
        ],
        nodes.map((node) => ({ unitId: node.unit?.id ?? null, missing: node.missing.map((m) => m.name) })),
      );
      const { unitCompetenceGaps: actual } = await service.ok<{ unitCompetenceGaps: UnitGapNode[] }>(UNIT_GAPS, { on }, manager);
      expect(new Map(actual.map((unit) => [unit.unit.id, { people: unit.people, peopleWithGaps: unit.peopleWithGaps, gaps: new Map(unit.gaps.map((g) => [g.competence.name, g.missing])) }]))).toEqual(expected);
    }
    const { unitCompetenceGaps: ofOperations } = await service.ok<{ unitCompetenceGaps: UnitGapNode[] }>(UNIT_GAPS, { unitId: operations }, manager);
    expect(ofOperations.map((unit) => unit.unit.id).sort()).toEqual([operations, serviceDesk].sort());
  });

  it('shows an employee only their own, a unit owner their units\' people, an auditor the grant\'s units and period', async () => {
    const dana = await gaps({}, employee(who('Dana'), { unitIds: [operations] }));
    expect(dana.nodes.map((node) => node.name)).toEqual(['Dana']);
    expect((await service.ok<{ competenceRecords: unknown[] }>(RECORDS, { personId: who('Dev').id }, employee(who('Dana')))).competenceRecords).toEqual([]);
    const { myCompetences } = await service.ok<{ myCompetences: { jobRole: string; records: { title: string }[]; missing: { name: string }[] } }>(MINE, {}, employee(who('Dana')));
    expect(myCompetences).toEqual({
      jobRole: 'software   engineer', // as the replica keeps it (trimmed); requirements compare it normalised
      records: [{ title: 'Course certificate', competence: { name: 'Threat modelling' } }, { title: 'Old workshop', competence: { name: 'Threat modelling' } }],
      missing: [{ name: 'Secure coding' }],
    });
    expect((await service.request(UNIT_GAPS, {}, employee(who('Dana')))).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // Carla owns Operations (with the service desk) and works in Finance herself.
    expect((await gaps({}, controlOwner)).nodes.map((node) => node.name)).toEqual(['Carla', 'Dana', 'Dev']);
    const { unitCompetenceGaps: carlas } = await service.ok<{ unitCompetenceGaps: UnitGapNode[] }>(UNIT_GAPS, {}, controlOwner);
    expect(carlas.map((unit) => unit.unit.id).sort()).toEqual([operations, serviceDesk].sort());
    expect((await service.ok<{ competenceRecords: unknown[] }>(RECORDS, { personId: who('Abe').id }, controlOwner)).competenceRecords).toEqual([]);

    await record({ personId: who('Abe').id, competenceId: competence['ledger'], obtainedOn: '2025-03-01', title: 'Internal controls 2025' });
    await record({ personId: who('Abe').id, competenceId: competence['ledger'], obtainedOn: day(-5), title: 'Internal controls refresher' });
    const auditor = testClaims([Role.ExternalAuditor], { unitIds: [finance], periodStart: day(-60), periodEnd: day() });
    expect((await gaps({}, auditor)).nodes.map((node) => node.name)).toEqual(['Abe', 'Carla', 'Ivy']);
    const { competenceRecords: abes } = await service.ok<{ competenceRecords: { title: string }[] }>(RECORDS, { personId: who('Abe').id }, auditor);
    expect(abes.map((r) => r.title)).toEqual(['Internal controls refresher']);
    expect((await service.ok<{ competenceRecords: unknown[] }>(RECORDS, { personId: who('Dev').id }, auditor)).competenceRecords).toEqual([]);
    const { unitCompetenceGaps: audited } = await service.ok<{ unitCompetenceGaps: UnitGapNode[] }>(UNIT_GAPS, {}, auditor);
    expect(audited.map((unit) => [unit.unit.id, unit.people, unit.peopleWithGaps])).toEqual([[finance, 3, 1]]);
    expect((await service.request(RECORD, { input: { personId: who('Abe').id, competenceId: competence['ledger'], kind: 'TRAINING', title: 'x', obtainedOn: day(-1) } }, auditor)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuses a record of one\'s own competence, one beyond the recorder\'s units, and bad input, writing nothing', async () => {
    const ivy = testClaims([Role.IsmsManager], { email: who('Ivy').email.toUpperCase(), name: 'Ivy' });
    const before = await rowCounts();
    const own = await record({ personId: who('Ivy').id, competenceId: competence['lead'] }, ivy);
    expect(own.errors?.[0]).toMatchObject({ message: 'you cannot record your own competence: someone else must record it for you', extensions: { code: 'COMPETENCE_SELF_RECORD' } });
    const carlaOwn = await record({ personId: who('Carla').id, competenceId: competence['lead'] }, controlOwner);
    expect(carlaOwn.errors?.[0]?.extensions?.['code']).toBe('COMPETENCE_SELF_RECORD');
    const beyond = await record({ personId: who('Abe').id, competenceId: competence['ledger'] }, controlOwner);
    expect(beyond.errors?.[0]).toMatchObject({ message: expect.stringContaining('Abe is not in a unit you own'), extensions: { code: 'COMPETENCE_PERSON_OUT_OF_REACH' } });
    const byEmployee = await record({ personId: who('Dev').id, competenceId: competence['threats'] }, employee(who('Dana')));
    expect(byEmployee.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const dev = who('Dev').id;
    const bad: [Record<string, unknown>, string, string][] = [
      [{ personId: randomUUID(), competenceId: competence['threats'] }, 'COMPETENCE_PERSON_UNKNOWN', 'is known to training'],
      [{ personId: dev, competenceId: randomUUID() }, 'COMPETENCE_UNKNOWN', 'in the catalogue'],
      [{ personId: dev, competenceId: competence['threats'], obtainedOn: day(-3), validUntil: day(-4) }, 'COMPETENCE_RECORD_INVALID', `validUntil ${day(-4)} is before obtainedOn ${day(-3)}`],
      [{ personId: dev, competenceId: competence['threats'], obtainedOn: day(2) }, 'COMPETENCE_RECORD_INVALID', 'is in the future'],
      [{ personId: dev, competenceId: competence['threats'], obtainedOn: '2026-13-01' }, 'COMPETENCE_RECORD_INVALID', 'is not a day'],
      [{ personId: dev, competenceId: competence['threats'], title: '  ' }, 'COMPETENCE_RECORD_INVALID', 'the title must not be empty'],
      [{ personId: dev, competenceId: competence['threats'], title: 'y'.repeat(201) }, 'COMPETENCE_RECORD_INVALID', 'at most 200 characters'],
      [{ personId: dev, competenceId: competence['threats'], evidenceItemId: 'not-a-uuid' }, 'VALIDATION_FAILED', 'evidenceItemId must be a UUID'],
    ];
    for (const [input, code, words] of bad) {
      const result = await record(input);
      expect({ input, code: result.errors?.[0]?.extensions?.['code'], words: result.errors?.[0]?.message.includes(words) }).toEqual({ input, code, words: true });
    }
    expect(await rowCounts()).toEqual(before);
  });
});
