import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { PersonUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const FIELDS = 'id status title dueOn overdue answerNote returnReason owner { id } evidence { id }';
const REQUEST = `mutation($input: RequestEvidenceInput!) { requestEvidence(input: $input) { ${FIELDS} } }`;
const ANSWER = `mutation($input: AnswerAuditRequestInput!) { answerAuditRequest(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation($input: DecideAuditRequestInput!) { decideAuditRequest(input: $input) { ${FIELDS} } }`;
const LIST = `query($id: ID!) { auditRequests(engagementId: $id) { id status } }`;
const MINE = `{ myAuditRequests { id status title } }`;
const ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('audit-service: request lists of an engagement', () => {
  const prefix = uniqueTopicPrefix('requests');
  let service: TestSubgraph<AuditConfig>;
  let events: TestEventPublisher;
  let engagementId: string;
  const owner = { id: randomUUID(), email: 'rita.records@bank.example', name: 'Rita Records' };
  const asOwner = testClaims([Role.ControlOwner], { email: owner.email });
  const asOther = testClaims([Role.Employee], { email: 'someone@bank.example' });
  const manager = testClaims([Role.IsmsManager]);

  const counts = async () => (await service.deps.dataSource.query("SELECT (SELECT count(*)::int FROM audit_request) AS requests, (SELECT string_agg(status, ',' ORDER BY id) FROM audit_request) AS states, (SELECT count(*)::int FROM outbox_event) AS events"))[0];
  const refused = async (query: string, input: Record<string, unknown>, claims: Claims, code: string, message?: RegExp) => {
    const before = await counts();
    const result = await service.request(query, { input }, claims);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code } });
    if (message) expect(result.errors?.[0]?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'requests-test');
    await events.publishAs(PersonUpserted, { ...owner, unitId: null, jobRole: null, managerId: null, active: true });
    await eventually('owner replicated', async () => ((await service.deps.dataSource.query('SELECT count(*)::int AS n FROM person_replica'))[0].n === 1 ? true : undefined));
    engagementId = (await service.ok<{ createEngagement: { id: string } }>(ENGAGEMENT, { input: { type: 'STAGE_2', title: 'Stage 2', startsOn: day(0), endsOn: day(3), leadAuditor: 'Olivia Brandt' } }, manager)).createEngagement.id;
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('asks an owner for evidence, takes the answer, sends it back with a reason, and accepts the second answer; each by the right person only', async () => {
    const auditor = testClaims([Role.ExternalAuditor], { engagementId, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const outsider = testClaims([Role.ExternalAuditor], { engagementId: randomUUID(), grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const ask = { engagementId, title: 'Access review records, card platform, Q3', ownerPersonId: owner.id, dueOn: day(5) };
    await refused(REQUEST, ask, outsider, 'OUTSIDE_ENGAGEMENT_GRANT');
    await refused(REQUEST, { ...ask, dueOn: day(-1) }, auditor, 'REQUEST_DUE_DATE_INVALID', /in the past/);
    await refused(REQUEST, { ...ask, ownerPersonId: randomUUID() }, auditor, 'REQUEST_OWNER_NOT_FOUND');
    await refused(REQUEST, { ...ask, title: '' }, auditor, 'VALIDATION_FAILED');
    const asked = (await service.ok<{ requestEvidence: { id: string; status: string; owner: { id: string } } }>(REQUEST, { input: ask }, auditor)).requestEvidence;
    expect(asked).toMatchObject({ status: 'OPEN', owner: { id: owner.id } });
    const [notice] = await service.deps.dataSource.query("SELECT envelope->'data' AS data FROM outbox_event WHERE type = 'notification.requested'");
    expect(notice.data).toMatchObject({ recipientPersonId: owner.id, kind: 'AUDIT_REQUEST_OPENED', dueDate: day(5), dedupeKey: `audit-request:${asked.id}:opened` });

    const evidence = randomUUID();
    await refused(ANSWER, { requestId: asked.id, note: 'here', evidenceIds: [evidence] }, asOther, 'NOT_REQUEST_OWNER');
    await refused(ANSWER, { requestId: asked.id, note: 'here', evidenceIds: [] }, asOwner, 'VALIDATION_FAILED', /at least one evidence item/);
    await refused(DECIDE, { requestId: asked.id, accept: true }, auditor, 'AUDIT_REQUEST_STEP_INVALID', /only an answered request/);
    expect((await service.ok<{ myAuditRequests: { id: string }[] }>(MINE, {}, asOwner)).myAuditRequests.map((r) => r.id)).toEqual([asked.id]);
    const answered = (await service.ok<{ answerAuditRequest: { status: string; evidence: { id: string }[] } }>(ANSWER, { input: { requestId: asked.id, note: 'Q3 review export', evidenceIds: [evidence] } }, asOwner)).answerAuditRequest;
    expect(answered).toMatchObject({ status: 'ANSWERED', evidence: [{ id: evidence }] });

    await refused(DECIDE, { requestId: asked.id, accept: false }, auditor, 'AUDIT_REQUEST_STEP_INVALID', /say what is missing/);
    await refused(DECIDE, { requestId: asked.id, accept: true }, outsider, 'AUDIT_REQUEST_NOT_FOUND');
    const returned = (await service.ok<{ decideAuditRequest: { status: string; returnReason: string } }>(DECIDE, { input: { requestId: asked.id, accept: false, reason: 'The export lacks the approvals column' } }, auditor)).decideAuditRequest;
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: 'The export lacks the approvals column' });
    const kinds = (await service.deps.dataSource.query("SELECT envelope->'data'->>'kind' AS kind FROM outbox_event WHERE type = 'notification.requested' ORDER BY seq")).map((row: { kind: string }) => row.kind);
    expect(kinds).toEqual(['AUDIT_REQUEST_OPENED', 'AUDIT_REQUEST_RETURNED']);

    // The ISMS manager answers on the owner's behalf; an auditor who answered may not judge it.
    const answerer = testClaims([Role.IsmsManager, Role.InternalAuditor]);
    await service.ok(ANSWER, { input: { requestId: asked.id, note: 'With approvals', evidenceIds: [evidence, randomUUID()] } }, answerer);
    await refused(DECIDE, { requestId: asked.id, accept: true }, answerer, 'OWN_ANSWER');
    expect((await service.ok<{ decideAuditRequest: { status: string } }>(DECIDE, { input: { requestId: asked.id, accept: true } }, auditor)).decideAuditRequest.status).toBe('ACCEPTED');
    await refused(ANSWER, { requestId: asked.id, note: 'more', evidenceIds: [evidence] }, asOwner, 'AUDIT_REQUEST_STEP_INVALID', /accepted/);
    expect((await service.ok<{ auditRequests: { id: string; status: string }[] }>(LIST, { id: engagementId }, auditor)).auditRequests).toEqual([{ id: asked.id, status: 'ACCEPTED' }]);
    expect((await service.request(LIST, { id: engagementId }, outsider)).errors?.[0]?.extensions).toMatchObject({ code: 'OUTSIDE_ENGAGEMENT_GRANT' });
  });
});
