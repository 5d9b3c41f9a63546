import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { OVERDUE_JOB } from '../src/modules/assignments/assignment.jobs';
import { addDays } from '../src/modules/campaigns/campaign.rules';
import { training } from '../src/subgraph';

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }`;
const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const LAUNCH = `mutation($id: ID!) { launchCampaign(id: $id) { id } }`;
const COMPLETE = `mutation($id: ID!) { completeAssignment(id: $id) { id status } }`;

const manager = testClaims([Role.IsmsManager]);

describe('training-service: the scheduled job marks overdue work and sends each reminder once', () => {
  const prefix = uniqueTopicPrefix('overdue');
  let service: TestSubgraph<TrainingConfig>;
  let producer: Producer;

  async function notifications(): Promise<{ key: string; kind: string; recipient: string; subject: string }[]> {
    return service.deps.dataSource.query(
      `SELECT envelope->'data'->>'dedupeKey' AS key, envelope->'data'->>'kind' AS kind, envelope->'data'->>'recipientPersonId' AS recipient, envelope->'data'->>'subject' AS subject
         FROM outbox_event WHERE type = 'notification.requested' ORDER BY envelope->'data'->>'dedupeKey'`,
    );
  }

  async function overdueEvents(): Promise<number> {
    const [row] = await service.deps.dataSource.query("SELECT count(*) AS n FROM outbox_event WHERE type = 'training.assignment.changed' AND envelope->'data'->>'status' = 'OVERDUE'");
    return Number(row.n);
  }

  async function run(asOf: string): Promise<void> {
    expect((await service.jobs!.runJobNow(OVERDUE_JOB, { asOf })).state).toBe('completed');
  }

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    producer = testKafka('overdue-test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('reminds a week and a day ahead, marks OVERDUE after the due date, and a second run sends nothing new', async () => {
    const people = ['Ann', 'Ben', 'Cat'].map((name) => ({ id: randomUUID(), name, email: `${name.toLowerCase()}@example.test` }));
    for (const person of people) {
      const event = {
        id: randomUUID(),
        type: 'isms.person.upserted',
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'isms-service',
        organisationId: TEST_ORGANISATION_ID,
        actor: 'isms-test',
        subjectId: person.id,
        correlationId: randomUUID(),
        causationId: null,
        data: { ...person, unitId: null, managerId: null, jobRole: 'Analyst', active: true },
      };
      await producer.send({ topic: `${prefix}isms.person.v1`, acks: -1, messages: [{ key: person.id, value: JSON.stringify(event) }] });
    }
    await eventually('the people in the replica', async () => Number((await service.deps.dataSource.query('SELECT count(*) AS n FROM person_replica'))[0].n) === 3);
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(CREATE_COURSE, { input: { title: 'Data protection', description: 'GDPR basics', kind: 'AWARENESS', durationMinutes: 20 } }, manager);
    const { createCampaign } = await service.ok<{ createCampaign: { id: string } }>(CREATE, { input: { name: 'Analysts', courseId: createCourse.id, jobRoles: ['analyst'], dueDays: 10 } }, manager);
    await service.ok(LAUNCH, { id: createCampaign.id }, manager);
    const rows = await eventually('three assignments', async () => {
      const found: { id: string; person_id: string; due_on: string }[] = await service.deps.dataSource.query('SELECT id, person_id, due_on::text AS due_on FROM assignment ORDER BY person_id');
      return found.length === 3 ? found : undefined;
    });
    const dueOn = rows[0]!.due_on;
    // Ben completes his course: he gets no reminder.
    const ben = rows.find((row) => row.person_id === people[1]!.id)!;
    await service.ok(COMPLETE, { id: ben.id }, manager);
    const owed = rows.filter((row) => row.id !== ben.id);

    await run(addDays(dueOn, -10)); // ten days ahead: nothing yet
    expect(await notifications()).toEqual([]);

    await run(addDays(dueOn, -7));
    const week = await notifications();
    expect(week.map((n) => n.kind)).toEqual(['TRAINING_ASSIGNMENT_DUE_SOON', 'TRAINING_ASSIGNMENT_DUE_SOON']);
    expect(week.map((n) => n.recipient).sort()).toEqual(owed.map((row) => row.person_id).sort());
    expect(week[0]!.subject).toBe('Training due in a week: Data protection');
    await run(addDays(dueOn, -6)); // the next day: the week's reminder is not sent again
    expect(await notifications()).toEqual(week);

    await run(addDays(dueOn, -1));
    expect((await notifications()).filter((n) => n.key.endsWith(':DUE_IN_1_DAY'))).toHaveLength(2);
    expect(await overdueEvents()).toBe(0);

    await run(addDays(dueOn, 1));
    const statuses: { status: string }[] = await service.deps.dataSource.query('SELECT status FROM assignment ORDER BY status');
    expect(statuses.map((row) => row.status)).toEqual(['COMPLETED', 'OVERDUE', 'OVERDUE']);
    expect(await overdueEvents()).toBe(2);
    const after = await notifications();
    expect(after.filter((n) => n.kind === 'TRAINING_ASSIGNMENT_OVERDUE')).toHaveLength(2);
    expect(after).toHaveLength(6);

    await run(addDays(dueOn, 2)); // a second run emits nothing new
    expect(await notifications()).toEqual(after);
    expect(await overdueEvents()).toBe(2);
    const [{ n }] = await service.deps.dataSource.query("SELECT count(*) AS n FROM outbox_event WHERE type = 'notification.requested' AND envelope->'data'->>'recipientPersonId' = $1", [people[1]!.id]);
    expect(Number(n)).toBe(0);
  });
});
