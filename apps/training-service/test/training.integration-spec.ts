import { randomUUID } from 'node:crypto';
import { Admin, Producer } from 'kafkajs';
import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import {
  deleteTopicsWithPrefix,
  eventually,
  startTestSubgraph,
  TEST_ORGANISATION_ID,
  testClaims,
  testKafka,
  TestSubgraph,
  uniqueTopicPrefix,
} from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id title kind durationMinutes active } }`;
const ASSIGN = `mutation($input: AssignCourseInput!) { assignCourse(input: $input) { id dueOn status completedAt person { id } course { id title } } }`;
const COMPLETE = `mutation($id: ID!) { completeAssignment(id: $id) { id status completedAt } }`;
const ASSIGNMENTS = `query($personId: ID, $courseId: ID) { assignments(personId: $personId, courseId: $courseId) { id status person { id } course { title } } }`;

interface PersonState {
  id: string;
  email: string;
  name: string;
  active?: boolean;
}

/** A PersonUpserted envelope as isms-service's relay would publish it. */
function personEnvelope(person: PersonState, overrides: { id?: string; occurredAt?: string } = {}) {
  return {
    id: overrides.id ?? randomUUID(),
    type: 'isms.person.upserted',
    version: 1,
    occurredAt: overrides.occurredAt ?? new Date().toISOString(),
    source: 'isms-service',
    organisationId: TEST_ORGANISATION_ID,
    actor: 'isms-test',
    subjectId: person.id,
    correlationId: randomUUID(),
    causationId: null,
    data: { id: person.id, email: person.email, name: person.name, unitId: null, managerId: null, jobRole: null, active: person.active ?? true },
  };
}

describe('training-service: courses and assignments for people replicated from isms-service', () => {
  const prefix = uniqueTopicPrefix('training');
  const personTopic = `${prefix}isms.person.v1`;
  let service: TestSubgraph<TrainingConfig>;
  let producer: Producer;
  let admin: Admin;

  async function publishPerson(envelope: ReturnType<typeof personEnvelope>): Promise<void> {
    await producer.send({ topic: personTopic, acks: -1, messages: [{ key: envelope.subjectId, value: JSON.stringify(envelope) }] });
  }

  /** True once the service's consumer group has committed every message on the person topic. */
  async function consumerCaughtUp(): Promise<boolean> {
    const ends = await admin.fetchTopicOffsets(personTopic);
    const [committed] = await admin.fetchOffsets({ groupId: `${prefix}training-service`, topics: [personTopic] });
    return ends.every((end) => {
      const done = committed?.partitions.find((p) => p.partition === end.partition);
      return Number(end.high) === 0 || Number(done?.offset ?? -1) >= Number(end.high);
    });
  }

  async function replicaOf(personId: string): Promise<{ email: string; name: string; active: boolean } | undefined> {
    const rows = await service.deps.dataSource.query('SELECT email, name, active FROM person_replica WHERE person_id = $1', [personId]);
    return rows[0];
  }

  async function counts(): Promise<{ courses: number; assignments: number; events: number }> {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM course) AS courses, (SELECT count(*) FROM assignment) AS assignments, (SELECT count(*) FROM outbox_event) AS events',
    );
    return { courses: Number(row.courses), assignments: Number(row.assignments), events: Number(row.events) };
  }

  async function createCourse(title: string): Promise<string> {
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(CREATE_COURSE, {
      input: { title, description: 'Phishing, passwords, reporting incidents', kind: 'AWARENESS', durationMinutes: 45 },
    });
    return createCourse.id;
  }

  async function replicatedPerson(name: string): Promise<PersonState> {
    const person = { id: randomUUID(), email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`, name };
    await publishPerson(personEnvelope(person));
    await eventually(`${name} in the replica`, () => replicaOf(person.id));
    return person;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    producer = testKafka('training-test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    admin = testKafka('training-test-admin').admin();
    await admin.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('assigns a course once the person arrives from isms-service, publishes the change, and ignores duplicate and older person events', async () => {
    const courseId = await createCourse('Security awareness 2025');
    const ada = { id: randomUUID(), email: 'ada.lovelace@example.test', name: 'Ada Lovelace' };
    const input = { courseId, personId: ada.id, dueOn: '2030-03-31' };

    const before = await counts();
    const unknown = await service.request(ASSIGN, { input });
    expect(unknown.errors?.[0]).toMatchObject({ message: expect.stringContaining('not known to training'), extensions: { code: 'PERSON_NOT_FOUND', category: 'BAD_USER_INPUT' } });
    expect(await counts()).toEqual(before);

    const created = personEnvelope(ada, { occurredAt: '2030-01-01T10:00:00.000Z' });
    await publishPerson(created);
    await eventually('Ada in the replica', () => replicaOf(ada.id));

    const { assignCourse } = await service.ok<{ assignCourse: { id: string; status: string; dueOn: string; person: { id: string }; course: { title: string } } }>(ASSIGN, { input });
    expect(assignCourse).toMatchObject({ status: 'ASSIGNED', dueOn: '2030-03-31', person: { id: ada.id }, course: { title: 'Security awareness 2025' } });

    // A redelivery of the same event (same id; even if its bytes differed) and an older event change nothing.
    const handledBefore = service.consumer!.stats.handled;
    await publishPerson({ ...created, occurredAt: '2030-01-02T10:00:00.000Z', data: { ...created.data, name: 'Redelivered', active: false } });
    await publishPerson(personEnvelope({ ...ada, name: 'Stale Name', active: false }, { occurredAt: '2029-12-31T10:00:00.000Z' }));
    await eventually('the consumer to catch up', consumerCaughtUp);
    expect(await replicaOf(ada.id)).toEqual({ email: 'ada.lovelace@example.test', name: 'Ada Lovelace', active: true });
    expect(service.consumer!.stats.handled).toBe(handledBefore + 1); // the older event is handled (and ignored), the duplicate is not
    const [{ consumed }] = await service.deps.dataSource.query('SELECT count(*) AS consumed FROM consumed_event WHERE event_id = $1', [created.id]);
    expect(Number(consumed)).toBe(1);

    // A newer event that deactivates the person is applied: no new assignments for them.
    await publishPerson(personEnvelope({ ...ada, active: false }, { occurredAt: '2030-02-01T10:00:00.000Z' }));
    await eventually('Ada deactivated', async () => (await replicaOf(ada.id))?.active === false);
    const otherCourse = await createCourse('Secure coding');
    const inactive = await service.request(ASSIGN, { input: { ...input, courseId: otherCourse } });
    expect(inactive.errors?.[0]).toMatchObject({ message: expect.stringContaining('inactive'), extensions: { code: 'PERSON_NOT_FOUND' } });

    const consumer = testKafka().consumer({ groupId: `${prefix}check-assigned` });
    const seen: { key?: string; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}training.assignment.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const event = await eventually('the assignment event on the broker', () => seen.find((m) => m.key === assignCourse.id));
      const envelope = envelopeSchema.parse(event.value);
      expect(envelope).toMatchObject({ type: 'training.assignment.changed', version: 1, source: 'training-service', subjectId: assignCourse.id, organisationId: TEST_ORGANISATION_ID });
      expect(envelope.data).toEqual({ id: assignCourse.id, courseId, personId: ada.id, status: 'ASSIGNED', dueOn: '2030-03-31', completedAt: null, campaignId: null, score: null });
    } finally {
      await consumer.disconnect();
    }
  });

  it('rejects bad input and duplicate assignments with a clear error and writes nothing', async () => {
    const courseId = await createCourse('ISMS policy');
    const grace = await replicatedPerson('Grace Hopper');
    await service.ok(ASSIGN, { input: { courseId, personId: grace.id, dueOn: '2030-06-30' } });
    const before = await counts();

    const badCourse = await service.request(CREATE_COURSE, { input: { title: 'X', kind: 'POLICY', durationMinutes: 0 } });
    expect(badCourse.errors?.[0]).toMatchObject({ message: expect.stringContaining('durationMinutes must be at least 1'), extensions: { code: 'VALIDATION_FAILED' } });

    const badDate = await service.request(ASSIGN, { input: { courseId, personId: grace.id, dueOn: '2030-02-30' } });
    expect(badDate.errors?.[0]).toMatchObject({ message: expect.stringContaining('dueOn must be a valid calendar date'), extensions: { code: 'VALIDATION_FAILED' } });

    const badId = await service.request(ASSIGN, { input: { courseId: 'not-a-uuid', personId: grace.id, dueOn: '2030-06-30' } });
    expect(badId.errors?.[0]).toMatchObject({ message: expect.stringContaining('courseId must be a UUID'), extensions: { code: 'VALIDATION_FAILED' } });

    const unknownCourse = await service.request(ASSIGN, { input: { courseId: randomUUID(), personId: grace.id, dueOn: '2030-06-30' } });
    expect(unknownCourse.errors?.[0]).toMatchObject({ message: expect.stringContaining('does not exist'), extensions: { code: 'COURSE_NOT_FOUND' } });

    const duplicate = await service.request(ASSIGN, { input: { courseId, personId: grace.id, dueOn: '2030-12-31' } });
    expect(duplicate.errors?.[0]).toMatchObject({ message: expect.stringContaining('already has an open assignment'), extensions: { code: 'ASSIGNMENT_EXISTS', category: 'CONFLICT' } });

    const unknownAssignment = await service.request(COMPLETE, { id: randomUUID() });
    expect(unknownAssignment.errors?.[0]?.extensions).toMatchObject({ code: 'ASSIGNMENT_NOT_FOUND', category: 'NOT_FOUND' });

    expect(await counts()).toEqual(before);
  });

  it('lets employees see and complete only their own training, and keeps management to ISMS managers', async () => {
    const courseId = await createCourse('Clean desk');
    const alan = await replicatedPerson('Alan Turing');
    const joan = await replicatedPerson('Joan Clarke');
    const { assignCourse: alans } = await service.ok<{ assignCourse: { id: string } }>(ASSIGN, { input: { courseId, personId: alan.id, dueOn: '2030-05-01' } });
    const { assignCourse: joans } = await service.ok<{ assignCourse: { id: string } }>(ASSIGN, { input: { courseId, personId: joan.id, dueOn: '2030-05-01' } });
    const alanClaims = testClaims([Role.Employee], { email: 'Alan.Turing@example.test' });
    const joanClaims = testClaims([Role.Employee], { email: joan.email });

    for (const [query, variables] of [
      [CREATE_COURSE, { input: { title: 'X', kind: 'POLICY', durationMinutes: 5 } }],
      [ASSIGN, { input: { courseId, personId: alan.id, dueOn: '2030-05-01' } }],
    ] as const) {
      const denied = await service.request(query, variables, alanClaims);
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }

    const own = await service.ok<{ assignments: { id: string }[] }>(ASSIGNMENTS, { courseId }, alanClaims);
    expect(own.assignments.map((a) => a.id)).toEqual([alans.id]);
    const peeking = await service.ok<{ assignments: { id: string }[] }>(ASSIGNMENTS, { personId: joan.id }, alanClaims);
    expect(peeking.assignments).toEqual([]);
    const all = await service.ok<{ assignments: { id: string }[] }>(ASSIGNMENTS, { courseId }, testClaims([Role.InternalAuditor]));
    expect(all.assignments.map((a) => a.id).sort()).toEqual([alans.id, joans.id].sort());

    const before = await counts();
    const notMine = await service.request(COMPLETE, { id: joans.id }, alanClaims);
    expect(notMine.errors?.[0]).toMatchObject({ message: expect.stringContaining('only the assignee'), extensions: { code: 'NOT_ASSIGNEE', category: 'FORBIDDEN' } });
    const auditor = await service.request(COMPLETE, { id: alans.id }, testClaims([Role.ExternalAuditor], { engagementId: randomUUID() }));
    expect(auditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const { completeAssignment } = await service.ok<{ completeAssignment: { status: string; completedAt: string } }>(COMPLETE, { id: alans.id }, alanClaims);
    expect(completeAssignment.status).toBe('COMPLETED');
    expect(new Date(completeAssignment.completedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const again = await service.request(COMPLETE, { id: alans.id }, alanClaims);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ASSIGNMENT_ALREADY_COMPLETED', category: 'CONFLICT' });
    await service.ok(COMPLETE, { id: joans.id }, joanClaims);

    // Once completed, the course can be assigned again (e.g. yearly refresher).
    await service.ok(ASSIGN, { input: { courseId, personId: alan.id, dueOn: '2031-05-01' } });

    const consumer = testKafka().consumer({ groupId: `${prefix}check-completed` });
    const seen: unknown[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}training.assignment.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) });
    try {
      const completed = await eventually('the completion event on the broker', () =>
        seen.map((value) => envelopeSchema.parse(value)).find((e) => e.subjectId === alans.id && (e.data as { status: string }).status === 'COMPLETED'),
      );
      expect(completed.data).toMatchObject({ personId: alan.id, courseId, completedAt: completeAssignment.completedAt });
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses a call without the gateway claims', async () => {
    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ courses { id } }' }) });
    expect(direct.status).toBe(401);
  });
});
