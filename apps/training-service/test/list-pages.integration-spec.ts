import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { OrgUnitUpserted, PersonUpserted, PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const ASSIGNMENT_PAGE = `query($first: Int, $offset: Int, $personId: ID, $courseId: ID, $status: AssignmentStatus, $overdue: Boolean) {
  assignmentPage(first: $first, offset: $offset, personId: $personId, courseId: $courseId, status: $status, overdue: $overdue) {
    totalCount nodes { id dueOn status overdue person { id } course { id } } } }`;
const ACK_PAGE = `query($p: ID!, $v: ID!, $unitId: ID, $sub: Boolean, $acknowledged: Boolean, $first: Int, $offset: Int) {
  policyAcknowledgementPage(policyId: $p, versionId: $v, unitId: $unitId, includeSubUnits: $sub, acknowledged: $acknowledged, first: $first, offset: $offset) {
    totalCount nodes { id status versionId person { id } policy { id } } } }`;
const RATES = 'query($p: ID!, $v: ID!) { policyAcknowledgementRates(policyId: $p, versionId: $v) { total acknowledged units { unitId unit { id } total acknowledged } } }';

interface Page<T> {
  totalCount: number;
  nodes: T[];
}
type AssignmentRow = { id: string; dueOn: string; status: string; overdue: boolean; person: { id: string }; course: { id: string } };
type TaskRow = { id: string; status: string; versionId: string; person: { id: string }; policy: { id: string } };
interface Person {
  id: string;
  email: string;
  name: string;
  unitId: string | null;
}

// Units as isms-service has them: Operations with its team Service desk below it, and Finance beside it.
const operations = randomUUID();
const serviceDesk = randomUUID();
const finance = randomUUID();
const today = new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('training-service: paginated assignments and policy acknowledgements', () => {
  const prefix = uniqueTopicPrefix('training-pages');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager]);
  const auditor = testClaims([Role.InternalAuditor]);
  const people: Person[] = [];
  const courses: string[] = [];
  const employeeOf = (person: Person) => testClaims([Role.Employee], { email: person.email, name: person.name });

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'isms-stand-in');
    await events.publishAs(OrgUnitUpserted, { id: operations, name: 'Operations', kind: 'BUSINESS_UNIT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: serviceDesk, name: 'Service desk', kind: 'TEAM', parentId: operations });
    await events.publishAs(OrgUnitUpserted, { id: finance, name: 'Finance', kind: 'DEPARTMENT', parentId: null });
    // 54 people: names sort ignoring case ("adam" before "Beth"); a third in each place, two without a unit.
    const names = ['adam Quinn', 'Beth Stone', ...Array.from({ length: 52 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`)];
    for (const [index, name] of names.entries()) {
      const unitId = index < 2 ? null : [operations, serviceDesk, finance][index % 3]!;
      const person = { id: randomUUID(), email: `person${index}@example.test`, name, unitId };
      people.push(person);
      await events.publishAs(PersonUpserted, { ...person, managerId: null, jobRole: null, active: true });
    }
    await eventually('people and units replicated', async () => {
      const [row] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM person_replica) AS people, (SELECT count(*) FROM unit_replica) AS units');
      return Number(row.people) === 54 && Number(row.units) === 3 ? true : undefined;
    });
    for (const title of ['Security awareness', 'Phishing', 'Secure coding']) {
      const { createCourse } = await service.ok<{ createCourse: { id: string } }>(
        'mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }',
        { input: { title, kind: 'AWARENESS', durationMinutes: 20 } },
        manager,
      );
      courses.push(createCourse.id);
    }
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  describe('assignmentPage', () => {
    const assigned: { id: string; personId: string; courseId: string; dueOn: string }[] = [];

    beforeAll(async () => {
      // 20 people × 3 courses = 60 assignments; due dates repeat, so the id decides between equal dates.
      for (const [p, person] of people.slice(0, 20).entries()) {
        for (const [c, courseId] of courses.entries()) {
          const dueOn = daysFromToday(((p + c) % 6) * 10 - 20); // -20, -10, 0 (today), 10, 20, 30 days
          const { assignCourse } = await service.ok<{ assignCourse: { id: string } }>(
            'mutation($input: AssignCourseInput!) { assignCourse(input: $input) { id } }',
            { input: { courseId, personId: person.id, dueOn } },
            manager,
          );
          assigned.push({ id: assignCourse.id, personId: person.id, courseId, dueOn });
        }
      }
      // Two overdue ones and one due later are completed.
      const completed = [assigned.find((a) => a.dueOn < today)!, assigned.filter((a) => a.dueOn < today)[5]!, assigned.find((a) => a.dueOn > today)!];
      for (const assignment of completed) await service.ok('mutation($id: ID!) { completeAssignment(id: $id) { id } }', { id: assignment.id }, manager);
    });

    const page = async (variables: Record<string, unknown>, claims = auditor) => (await service.ok<{ assignmentPage: Page<AssignmentRow> }>(ASSIGNMENT_PAGE, variables, claims)).assignmentPage;

    it('returns 50 by default, by due date then id, with the total; pages never overlap or skip', async () => {
      const expected = [...assigned].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id)).map((a) => a.id);
      const first = await page({});
      expect(first.totalCount).toBe(60);
      expect(first.nodes).toHaveLength(50);
      const rest = await page({ offset: 50 });
      expect(rest.nodes).toHaveLength(10);
      expect([...first.nodes, ...rest.nodes].map((row) => row.id)).toEqual(expected);
      const walked: string[] = [];
      for (let offset = 0; offset < 60; offset += 7) walked.push(...(await page({ first: 7, offset })).nodes.map((row) => row.id));
      expect(walked).toEqual(expected);
      expect(await page({ first: 7, offset: 14 })).toEqual(await page({ first: 7, offset: 14 }));
      // The unpaginated list stays as it was.
      const whole = await service.ok<{ assignments: { id: string }[] }>('{ assignments { id } }', {}, auditor);
      expect(whole.assignments.map((row) => row.id)).toEqual(expected);
    });

    it('filters by person, course, status and overdue, counting only the matches', async () => {
      const ofPerson = await page({ personId: people[3]!.id });
      expect(ofPerson.totalCount).toBe(3);
      expect(new Set(ofPerson.nodes.map((row) => row.person.id))).toEqual(new Set([people[3]!.id]));
      const ofCourse = await page({ courseId: courses[1], first: 5, offset: 15 });
      expect(ofCourse.totalCount).toBe(20);
      expect(ofCourse.nodes).toHaveLength(5);
      expect((await page({ courseId: courses[1], personId: people[3]!.id })).totalCount).toBe(1);

      const overdue = await page({ overdue: true, first: 200 });
      const expectedOverdue = assigned.filter((a) => a.dueOn < today).length - 2; // two of them were completed
      expect(overdue.totalCount).toBe(expectedOverdue);
      expect(overdue.nodes.every((row) => row.overdue && row.status === 'ASSIGNED' && row.dueOn < today)).toBe(true);
      const notOverdue = await page({ overdue: false, first: 200 });
      expect(notOverdue.totalCount).toBe(60 - expectedOverdue);
      expect(notOverdue.nodes.every((row) => !row.overdue && (row.status === 'COMPLETED' || row.dueOn >= today))).toBe(true);
      expect(notOverdue.nodes.some((row) => row.dueOn === today)).toBe(true); // due today is not overdue yet

      expect((await page({ status: 'COMPLETED' })).totalCount).toBe(3);
      expect((await page({ status: 'COMPLETED', overdue: false })).totalCount).toBe(3);
      expect((await page({ status: 'ASSIGNED', overdue: true })).totalCount).toBe(expectedOverdue);
    });

    it('shows an employee only their own assignments, whatever the filters, and refuses a caller without a role', async () => {
      const me = people[4]!;
      const mine = await page({}, employeeOf(me));
      expect(mine.totalCount).toBe(3);
      expect(mine.nodes.map((row) => row.person.id)).toEqual([me.id, me.id, me.id]);
      expect(await page({ personId: people[5]!.id }, employeeOf(me))).toEqual({ totalCount: 0, nodes: [] });
      expect((await page({ courseId: courses[0] }, employeeOf(me))).totalCount).toBe(1);
      expect(await page({}, testClaims([Role.Employee], { email: 'nobody@example.test' }))).toEqual({ totalCount: 0, nodes: [] });
      // An external auditor reaches only the units of their grant (none in this token): nothing, failing closed.
      expect((await page({ first: 1 }, testClaims([Role.ExternalAuditor]))).totalCount).toBe(0);
      expect((await page({ first: 1 }, auditor)).totalCount).toBe(60);

      // Every role reads training (an employee narrowed to their own rows); a caller without one is refused.
      const roleless = await service.request(ASSIGNMENT_PAGE, {}, testClaims([]));
      expect(roleless.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(roleless.data).toBeUndefined();
    });

    it('refuses a page larger than 200 and a negative offset, naming the argument', async () => {
      for (const [variables, field, message] of [
        [{ first: 201 }, 'first', 'first must be at most 200'],
        [{ offset: -5 }, 'offset', 'offset must be 0 or more'],
      ] as const) {
        const result = await service.request(ASSIGNMENT_PAGE, variables, manager);
        expect(result.errors?.[0]?.message).toContain(message);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field }] });
      }
      expect((await page({ first: 200 })).nodes).toHaveLength(60);
    });
  });

  describe('policyAcknowledgementPage', () => {
    const policyId = randomUUID();
    const versionId = randomUUID();
    const acknowledgedBy = new Set<string>();

    beforeAll(async () => {
      const published = await events.publishAs(
        PolicyPublished,
        { policyId, versionId, version: '1.0', major: true, title: 'Acceptable use policy', everyone: true, unitIds: [], jobRoles: [], publishedAt: new Date().toISOString() },
        { subjectId: policyId },
      );
      await eventually('tasks opened', async () => ((await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [published.id])).length > 0 ? true : undefined));
      // Every fourth person acknowledges, themself.
      for (const person of people.filter((_, index) => index % 4 === 0)) {
        const { myPendingPolicyAcknowledgements } = await service.ok<{ myPendingPolicyAcknowledgements: { id: string }[] }>('{ myPendingPolicyAcknowledgements { id } }', {}, employeeOf(person));
        await service.ok('mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id } }', { id: myPendingPolicyAcknowledgements[0]!.id }, employeeOf(person));
        acknowledgedBy.add(person.id);
      }
    });

    const page = async (variables: Record<string, unknown>, claims = auditor) =>
      (await service.ok<{ policyAcknowledgementPage: Page<TaskRow> }>(ACK_PAGE, { p: policyId, v: versionId, ...variables }, claims)).policyAcknowledgementPage;
    const personIds = (rows: TaskRow[]) => rows.map((row) => row.person.id);

    it('lists everyone asked, by name ignoring case, 50 by default, with the same total as the rates', async () => {
      const first = await page({});
      expect(first.totalCount).toBe(54);
      expect(first.nodes).toHaveLength(50);
      const rest = await page({ offset: 50 });
      expect(personIds([...first.nodes, ...rest.nodes])).toEqual(people.map((p) => p.id)); // adam, Beth, Person 01 … 52
      expect(first.nodes[0]).toMatchObject({ versionId, policy: { id: policyId }, status: 'ACKNOWLEDGED' });
      const walked: string[] = [];
      for (let offset = 0; offset < 54; offset += 11) walked.push(...personIds((await page({ first: 11, offset })).nodes));
      expect(walked).toEqual(people.map((p) => p.id));

      const { policyAcknowledgementRates: rates } = await service.ok<{ policyAcknowledgementRates: { total: number; acknowledged: number } }>(RATES, { p: policyId, v: versionId }, auditor);
      expect(rates).toMatchObject({ total: 54, acknowledged: acknowledgedBy.size });
    });

    it('filters by acknowledged or pending and by unit with or without its sub-units', async () => {
      const done = await page({ acknowledged: true, first: 200 });
      expect(done.totalCount).toBe(acknowledgedBy.size);
      expect(new Set(personIds(done.nodes))).toEqual(acknowledgedBy);
      expect(done.nodes.every((row) => row.status === 'ACKNOWLEDGED')).toBe(true);
      const pending = await page({ acknowledged: false, first: 200 });
      expect(pending.totalCount).toBe(54 - acknowledgedBy.size);
      expect(pending.nodes.every((row) => row.status === 'PENDING' && !acknowledgedBy.has(row.person.id))).toBe(true);

      const inUnits = (...units: string[]) => people.filter((p) => p.unitId && units.includes(p.unitId)).map((p) => p.id);
      expect(personIds((await page({ unitId: operations, first: 200 })).nodes)).toEqual(inUnits(operations, serviceDesk));
      expect(personIds((await page({ unitId: operations, sub: false, first: 200 })).nodes)).toEqual(inUnits(operations));
      expect(personIds((await page({ unitId: serviceDesk, first: 200 })).nodes)).toEqual(inUnits(serviceDesk));
      const financePending = await page({ unitId: finance, acknowledged: false, first: 3, offset: 2 });
      const expectedFinancePending = people.filter((p) => p.unitId === finance && !acknowledgedBy.has(p.id)).map((p) => p.id);
      expect(financePending.totalCount).toBe(expectedFinancePending.length);
      expect(personIds(financePending.nodes)).toEqual(expectedFinancePending.slice(2, 5));
      expect(await page({ unitId: randomUUID() })).toEqual({ totalCount: 0, nodes: [] });
    });

    it('names the unit of each rate row, and refuses employees, unknown versions and oversized pages', async () => {
      const { policyAcknowledgementRates: rates } = await service.ok<{ policyAcknowledgementRates: { units: { unitId: string | null; unit: { id: string } | null }[] } }>(RATES, { p: policyId, v: versionId }, auditor);
      expect(rates.units.map((row) => row.unit)).toEqual(rates.units.map((row) => (row.unitId ? { id: row.unitId } : null)));
      expect(rates.units.at(-1)).toMatchObject({ unitId: null, unit: null });

      const employee = await service.request(ACK_PAGE, { p: policyId, v: versionId }, employeeOf(people[0]!));
      expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      // An external auditor reaches only the units of their grant (none in this token): nothing, failing closed.
      expect((await page({ first: 1 }, testClaims([Role.ExternalAuditor]))).totalCount).toBe(0);
      expect((await page({ first: 1 }, auditor)).totalCount).toBe(54);
      const unknown = await service.request(ACK_PAGE, { p: policyId, v: randomUUID() }, auditor);
      expect(unknown.errors?.[0]).toMatchObject({ message: expect.stringContaining('has reached training'), extensions: { code: 'POLICY_VERSION_UNKNOWN', category: 'NOT_FOUND' } });
      const tooMany = await service.request(ACK_PAGE, { p: policyId, v: versionId, first: 1000 }, auditor);
      expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringContaining('first must be at most 200'), extensions: { category: 'BAD_USER_INPUT', fields: [{ field: 'first' }] } });
    });
  });
});
