import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { OrgUnitUpserted, PersonUpserted, PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const ASSIGNMENT_PAGE = 'query($personId: ID) { assignmentPage(personId: $personId, first: 100) { totalCount nodes { person { id } course { id title } } } }';
const ASSIGNMENTS = '{ assignments { person { id } } }';
const ACK_PAGE = 'query($p: ID!, $v: ID!, $unitId: ID) { policyAcknowledgementPage(policyId: $p, versionId: $v, unitId: $unitId, first: 100) { totalCount nodes { person { id } } } }';
const RATES = 'query($p: ID!, $v: ID!) { policyAcknowledgementRates(policyId: $p, versionId: $v) { total acknowledged units { unitId total acknowledged } } }';

type Claims = ReturnType<typeof testClaims>;
interface Person {
  id: string;
  email: string;
  name: string;
  unitId: string;
}

/**
 * Training records are the employee's own: an employee sees only theirs; a control owner of Operations those of the
 * people of Operations and its team (the person replica's unit) and their own; organisation-wide roles everyone's;
 * an external auditor only the people of the units of their token, and only the records dated within the grant's
 * observation period. Lists, pages, counts and rates alike.
 */
describe('training-service: assignments and acknowledgements are seen by their person, their units\' owners and organisation-wide roles', () => {
  const prefix = uniqueTopicPrefix('training-scope');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;
  const operations = randomUUID();
  const serviceDesk = randomUUID();
  const finance = randomUUID();
  const manager = testClaims([Role.IsmsManager]);
  const policyId = randomUUID();
  const versionId = randomUUID();
  let ops: Person;
  let desk: Person;
  let fin: Person;
  let carla: Person;
  let controlOwner: Claims;
  const employeeOf = (person: Person, overrides: Partial<Claims> = {}) => testClaims([Role.Employee], { email: person.email, name: person.name, ...overrides });
  const personIds = (rows: { person: { id: string } }[]) => rows.map((row) => row.person.id).sort();

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'isms-stand-in');
    await events.publishAs(OrgUnitUpserted, { id: operations, name: 'Operations', kind: 'BUSINESS_UNIT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: serviceDesk, name: 'Service desk', kind: 'TEAM', parentId: operations });
    await events.publishAs(OrgUnitUpserted, { id: finance, name: 'Finance', kind: 'DEPARTMENT', parentId: null });
    const person = async (name: string, unitId: string): Promise<Person> => {
      const created = { id: randomUUID(), email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`, name, unitId };
      await events.publishAs(PersonUpserted, { ...created, managerId: null, jobRole: null, active: true });
      return created;
    };
    ops = await person('Otto Operations', operations);
    desk = await person('Dana Desk', serviceDesk);
    fin = await person('Fiona Finance', finance);
    carla = await person('Carla Control', finance); // owns controls in Operations, works in Finance herself
    await eventually('people and units replicated', async () => {
      const [row] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM person_replica) AS people, (SELECT count(*) FROM unit_replica) AS units');
      return Number(row.people) === 4 && Number(row.units) === 3 ? true : undefined;
    });
    controlOwner = testClaims([Role.ControlOwner], { email: carla.email, name: carla.name, unitIds: [operations] });

    const { createCourse } = await service.ok<{ createCourse: { id: string } }>('mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }', { input: { title: 'Security awareness', kind: 'AWARENESS', durationMinutes: 20 } }, manager);
    for (const trainee of [ops, desk, fin, carla]) {
      await service.ok('mutation($input: AssignCourseInput!) { assignCourse(input: $input) { id } }', { input: { courseId: createCourse.id, personId: trainee.id, dueOn: '2027-01-31' } }, manager);
    }
    const published = await events.publishAs(
      PolicyPublished,
      { policyId, versionId, version: '1.0', major: true, title: 'Acceptable use policy', everyone: true, unitIds: [], jobRoles: [], publishedAt: new Date().toISOString() },
      { subjectId: policyId },
    );
    await eventually('tasks opened', async () => ((await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [published.id])).length > 0 ? true : undefined));
    for (const trainee of [ops, fin]) {
      const { myPendingPolicyAcknowledgements } = await service.ok<{ myPendingPolicyAcknowledgements: { id: string }[] }>('{ myPendingPolicyAcknowledgements { id } }', {}, employeeOf(trainee));
      await service.ok('mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id } }', { id: myPendingPolicyAcknowledgements[0]!.id }, employeeOf(trainee)); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    }
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('gives a control owner the assignments of their units\' people (the team included) and their own, in lists, pages and counts', async () => {
    const { assignmentPage } = await service.ok<{ assignmentPage: { totalCount: number; nodes: { person: { id: string }; course: { title: string } }[] } }>(ASSIGNMENT_PAGE, {}, controlOwner);
    expect(assignmentPage.totalCount).toBe(3);
    expect(personIds(assignmentPage.nodes)).toEqual([ops.id, desk.id, carla.id].sort());
    expect(assignmentPage.nodes.every((row) => row.course.title === 'Security awareness')).toBe(true);
    const { assignments } = await service.ok<{ assignments: { person: { id: string } }[] }>(ASSIGNMENTS, {}, controlOwner);
    expect(personIds(assignments)).toEqual([ops.id, desk.id, carla.id].sort());
    // Asking for someone of another unit by id finds nothing.
    expect((await service.ok<{ assignmentPage: { totalCount: number } }>(ASSIGNMENT_PAGE, { personId: fin.id }, controlOwner)).assignmentPage.totalCount).toBe(0);
    expect((await service.ok<{ assignmentPage: { totalCount: number } }>(ASSIGNMENT_PAGE, {}, manager)).assignmentPage.totalCount).toBe(4);
  });

  it('gives an employee only their own, whatever units their token names, and an external auditor only the people of the token\'s units', async () => {
    const own = await service.ok<{ assignmentPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ASSIGNMENT_PAGE, {}, employeeOf(ops, { unitIds: [operations] }));
    expect(own.assignmentPage.totalCount).toBe(1);
    expect(personIds(own.assignmentPage.nodes)).toEqual([ops.id]);
    const auditor = await service.ok<{ assignmentPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ASSIGNMENT_PAGE, {}, testClaims([Role.ExternalAuditor], { unitIds: [finance], periodStart: '2026-01-01', periodEnd: '2027-12-31' }));
    expect(personIds(auditor.assignmentPage.nodes)).toEqual([fin.id, carla.id].sort());
    expect((await service.ok<{ assignmentPage: { totalCount: number } }>(ASSIGNMENT_PAGE, {}, testClaims([Role.ControlOwner]))).assignmentPage.totalCount).toBe(0);
  });

  it('counts acknowledgement rates and pages only over the people the caller reaches, per unit too', async () => {
    const { policyAcknowledgementRates: mine } = await service.ok<{ policyAcknowledgementRates: { total: number; acknowledged: number; units: { unitId: string; total: number; acknowledged: number }[] } }>(
      RATES,
      { p: policyId, v: versionId },
      controlOwner,
    );
    expect(mine).toMatchObject({ total: 3, acknowledged: 1 });
    expect(new Map(mine.units.map((unit) => [unit.unitId, [unit.total, unit.acknowledged]]))).toEqual(
      new Map([
        [operations, [1, 1]],
        [serviceDesk, [1, 0]],
        [finance, [1, 0]], // her own task only, not her Finance colleague's
      ]),
    );
    const { policyAcknowledgementRates: all } = await service.ok<{ policyAcknowledgementRates: { total: number; acknowledged: number } }>(RATES, { p: policyId, v: versionId }, manager);
    expect(all).toMatchObject({ total: 4, acknowledged: 2 });

    const page = await service.ok<{ policyAcknowledgementPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ACK_PAGE, { p: policyId, v: versionId }, controlOwner);
    expect(page.policyAcknowledgementPage.totalCount).toBe(3);
    expect(personIds(page.policyAcknowledgementPage.nodes)).toEqual([ops.id, desk.id, carla.id].sort());
    const ofFinance = await service.ok<{ policyAcknowledgementPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ACK_PAGE, { p: policyId, v: versionId, unitId: finance }, controlOwner);
    expect(ofFinance.policyAcknowledgementPage).toEqual({ totalCount: 1, nodes: [{ person: { id: carla.id } }] });
    const nobody = await service.ok<{ policyAcknowledgementRates: { total: number; units: unknown[] } }>(RATES, { p: policyId, v: versionId }, testClaims([Role.RiskOwner]));
    expect(nobody.policyAcknowledgementRates).toMatchObject({ total: 0, units: [] });
  });

  it('lets nobody but the person complete or acknowledge their own, writing nothing otherwise', async () => {
    const before = await service.deps.dataSource.query("SELECT (SELECT count(*) FROM assignment WHERE status = 'COMPLETED') AS completed, (SELECT count(*) FROM policy_acknowledgement WHERE status = 'ACKNOWLEDGED') AS acknowledged, (SELECT count(*) FROM outbox_event) AS events");
    const [deskAssignment] = await service.deps.dataSource.query('SELECT id FROM assignment WHERE person_id = $1', [desk.id]);
    const complete = await service.request('mutation($id: ID!) { completeAssignment(id: $id) { id } }', { id: deskAssignment.id }, controlOwner);
    expect(complete.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ASSIGNEE' });
    const [deskTask] = await service.deps.dataSource.query('SELECT id FROM policy_acknowledgement WHERE person_id = $1', [desk.id]);
    const acknowledge = await service.request('mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id } }', { id: deskTask.id }, controlOwner);
    expect(acknowledge.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_YOUR_ACKNOWLEDGEMENT' });
    const { myPendingPolicyAcknowledgements } = await service.ok<{ myPendingPolicyAcknowledgements: { person: { id: string } }[] }>('{ myPendingPolicyAcknowledgements { person { id } } }', {}, controlOwner);
    expect(personIds(myPendingPolicyAcknowledgements)).toEqual([carla.id]);
    const after = await service.deps.dataSource.query("SELECT (SELECT count(*) FROM assignment WHERE status = 'COMPLETED') AS completed, (SELECT count(*) FROM policy_acknowledgement WHERE status = 'ACKNOWLEDGED') AS acknowledged, (SELECT count(*) FROM outbox_event) AS events");
    expect(after).toEqual(before);
  });
  it("gives an external auditor only the records dated within the grant's period: completions by their day, open assignments by their due date, acknowledgements by their day, pending tasks by their opening", async () => {
    const db = service.deps.dataSource;
    await db.query("UPDATE assignment SET status = 'COMPLETED', completed_at = '2026-02-10T10:00:00Z' WHERE person_id = $1", [ops.id]);
    await db.query("UPDATE assignment SET due_on = '2026-03-01' WHERE person_id = $1", [fin.id]);
    await db.query("UPDATE policy_acknowledgement SET created_at = '2026-01-10T08:00:00Z' WHERE policy_id = $1", [policyId]);
    await db.query("UPDATE policy_acknowledgement SET acknowledged_at = '2026-02-01T09:00:00Z' WHERE person_id = $1 AND policy_id = $2", [ops.id, policyId]);
    await db.query("UPDATE policy_acknowledgement SET acknowledged_at = '2026-04-02T09:00:00Z' WHERE person_id = $1 AND policy_id = $2", [fin.id, policyId]);
    const grant = { unitIds: [operations, serviceDesk, finance], engagementId: randomUUID() };
    const auditor = testClaims([Role.ExternalAuditor], { ...grant, periodStart: '2026-01-01', periodEnd: '2026-03-31' });

    const { assignmentPage } = await service.ok<{ assignmentPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ASSIGNMENT_PAGE, {}, auditor);
    expect(assignmentPage.totalCount).toBe(2);
    expect(personIds(assignmentPage.nodes)).toEqual([ops.id, fin.id].sort()); // completed in February; due on 1 March
    expect(personIds((await service.ok<{ assignments: { person: { id: string } }[] }>(ASSIGNMENTS, {}, auditor)).assignments)).toEqual([ops.id, fin.id].sort());
    const later = testClaims([Role.ExternalAuditor], { ...grant, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(personIds((await service.ok<{ assignmentPage: { nodes: { person: { id: string } }[] } }>(ASSIGNMENT_PAGE, {}, later)).assignmentPage.nodes)).toEqual([desk.id, carla.id].sort());

    const ackPage = await service.ok<{ policyAcknowledgementPage: { totalCount: number; nodes: { person: { id: string } }[] } }>(ACK_PAGE, { p: policyId, v: versionId }, auditor);
    expect(ackPage.policyAcknowledgementPage.totalCount).toBe(3);
    expect(personIds(ackPage.policyAcknowledgementPage.nodes)).toEqual([ops.id, desk.id, carla.id].sort()); // Fiona acknowledged in April
    const { policyAcknowledgementRates } = await service.ok<{ policyAcknowledgementRates: { total: number; acknowledged: number } }>(RATES, { p: policyId, v: versionId }, auditor);
    expect(policyAcknowledgementRates).toMatchObject({ total: 3, acknowledged: 1 });
    const { policyAcknowledgementRates: all } = await service.ok<{ policyAcknowledgementRates: { total: number; acknowledged: number } }>(RATES, { p: policyId, v: versionId }, manager);
    expect(all).toMatchObject({ total: 4, acknowledged: 2 });

    // Without a period in the claims an auditor sees nothing dated.
    const periodless = testClaims([Role.ExternalAuditor], grant);
    expect((await service.ok<{ assignmentPage: { totalCount: number } }>(ASSIGNMENT_PAGE, {}, periodless)).assignmentPage.totalCount).toBe(0);
    expect((await service.ok<{ policyAcknowledgementPage: { totalCount: number } }>(ACK_PAGE, { p: policyId, v: versionId }, periodless)).policyAcknowledgementPage.totalCount).toBe(0);
    expect((await service.ok<{ policyAcknowledgementRates: { total: number } }>(RATES, { p: policyId, v: versionId }, periodless)).policyAcknowledgementRates.total).toBe(0);
  });
});
