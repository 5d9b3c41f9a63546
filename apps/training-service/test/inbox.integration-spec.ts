import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { EventData, EvidenceRequestChanged, PersonUpserted, PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, TEST_ORGANISATION_ID, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const INBOX = '{ myInbox { kind id title dueDate status overdue link } }';
const ACK = 'mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id status } }';

interface Item {
  kind: string;
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  overdue: boolean;
  link: string;
}

describe('training-service: the one inbox', () => {
  const prefix = uniqueTopicPrefix('inbox');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;
  const unit = randomUUID();
  const amy = { id: randomUUID(), email: 'amy@example.test', name: 'Amy' };
  const bob = { id: randomUUID(), email: 'bob@example.test', name: 'Bob' };
  const claimsOf = (p: { email: string; name: string }) => testClaims([Role.Employee], { email: p.email.toUpperCase(), name: p.name });
  const inbox = async (p: { email: string; name: string }) => (await service.ok<{ myInbox: Item[] }>(INBOX, {}, claimsOf(p))).myInbox;
  const consumed = async (eventId: string) => (await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [eventId])).length > 0;

  function evidenceRequest(assigneeId: string | null, status: EventData<typeof EvidenceRequestChanged>['status'], dueDate: string, id: string = randomUUID()): EventData<typeof EvidenceRequestChanged> {
    return { id, requirementId: randomUUID(), controlId: 'A.5.15', unitId: unit, assigneeId, status, dueDate, periodStart: '2026-01-01', periodEnd: null, evidenceIds: [] };
  }
  async function sendRequest(data: EventData<typeof EvidenceRequestChanged>, occurredAt?: string): Promise<void> {
    const envelope = await events.publishAs(EvidenceRequestChanged, data, { subjectId: data.id, ...(occurredAt ? { occurredAt } : {}) });
    await eventually('request replicated', async () => (await consumed(envelope.id)) || undefined);
  }
  async function assignCourse(personId: string, title: string, dueOn: string, status = 'ASSIGNED'): Promise<string> {
    const [course] = await service.deps.dataSource.query("INSERT INTO course (organisation_id, title, kind, duration_minutes) VALUES ($1, $2, 'AWARENESS', 30) RETURNING id", [TEST_ORGANISATION_ID, title]);
    const [assignment] = await service.deps.dataSource.query("INSERT INTO assignment (organisation_id, course_id, person_id, due_on, status, completed_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'COMPLETED' THEN now() END) RETURNING id", [
      TEST_ORGANISATION_ID,
      course.id,
      personId,
      dueOn,
      status,
    ]);
    return assignment.id;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'inbox-test');
    for (const p of [amy, bob]) await events.publishAs(PersonUpserted, { ...p, unitId: unit, managerId: null, jobRole: 'Analyst', active: true });
    await eventually('people replicated', async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM person_replica'))[0].count) === 2);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it("lists a person's courses, policy acknowledgements and evidence requests in one list by due date, never another person's, and drops what is closed elsewhere", async () => {
    const overdueCourse = await assignCourse(amy.id, 'Phishing basics', '2020-03-01', 'OVERDUE');
    const course = await assignCourse(amy.id, 'Secure coding', '2099-06-30');
    await assignCourse(amy.id, 'Already done', '2099-01-01', 'COMPLETED');
    await assignCourse(bob.id, "Bob's course", '2099-01-01');
    const policyId = randomUUID();
    const policy = await events.publishAs(PolicyPublished, {
      policyId,
      versionId: randomUUID(),
      version: '1.0',
      major: true,
      title: 'Acceptable use policy',
      everyone: true,
      unitIds: [],
      jobRoles: [],
      publishedAt: new Date().toISOString(),
    }, { subjectId: policyId });
    await eventually('tasks opened', async () => (await consumed(policy.id)) || undefined);
    const request = evidenceRequest(amy.id, 'OPEN', '2099-02-15');
    await sendRequest(request);
    await sendRequest(evidenceRequest(bob.id, 'OPEN', '2099-01-20'));
    await sendRequest(evidenceRequest(amy.id, 'ACCEPTED', '2099-01-10'));

    const items = await inbox(amy);
    const [ackId] = (await service.deps.dataSource.query('SELECT id FROM policy_acknowledgement WHERE person_id = $1', [amy.id])).map((row: { id: string }) => row.id);
    expect(items).toEqual([
      { kind: 'COURSE_ASSIGNMENT', id: overdueCourse, title: 'Phishing basics', dueDate: '2020-03-01', status: 'OVERDUE', overdue: true, link: '/my/training' },
      { kind: 'EVIDENCE_REQUEST', id: request.id, title: 'Evidence for control A.5.15', dueDate: '2099-02-15', status: 'OPEN', overdue: false, link: '/my/evidence-requests' },
      { kind: 'COURSE_ASSIGNMENT', id: course, title: 'Secure coding', dueDate: '2099-06-30', status: 'ASSIGNED', overdue: false, link: '/my/training' },
      { kind: 'POLICY_ACKNOWLEDGEMENT', id: ackId, title: 'Acceptable use policy (version 1.0)', dueDate: null, status: 'PENDING', overdue: false, link: `/my/policies/${ackId}` },
    ]);
    expect((await inbox(bob)).map((item) => item.title).sort()).toEqual(['Acceptable use policy (version 1.0)', "Bob's course", 'Evidence for control A.5.15']);
    expect(await inbox({ email: 'nobody@example.test', name: 'Nobody' })).toEqual([]);

    // closed elsewhere: the request accepted in evidence-service, the policy acknowledged, the course completed
    await sendRequest({ ...request, status: 'ACCEPTED' });
    await service.ok(ACK, { id: ackId }, claimsOf(amy));
    await service.deps.dataSource.query("UPDATE assignment SET status = 'COMPLETED', completed_at = now() WHERE id = $1", [course]);
    expect((await inbox(amy)).map((item) => item.id)).toEqual([overdueCourse]);

    // an older event arriving late does not reopen the request; a re-assignment moves it to the new assignee
    await sendRequest({ ...request, status: 'OPEN' }, '2000-01-01T00:00:00.000Z');
    expect((await inbox(amy)).map((item) => item.id)).toEqual([overdueCourse]);
    await sendRequest({ ...request, status: 'CHANGES_REQUESTED', assigneeId: bob.id });
    expect((await inbox(bob)).find((item) => item.id === request.id)).toMatchObject({ status: 'CHANGES_REQUESTED', kind: 'EVIDENCE_REQUEST' });
    expect((await inbox(amy)).some((item) => item.id === request.id)).toBe(false);
  });

  it('is refused to an external auditor', async () => {
    const result = await service.request(INBOX, {}, testClaims([Role.ExternalAuditor], { email: amy.email }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
