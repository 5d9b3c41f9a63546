import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const CREATE_ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id type title startsOn endsOn leadAuditor status } }`;
const SET_STATUS = `mutation($input: SetEngagementStatusInput!) { setEngagementStatus(input: $input) { id status } }`;
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { id engagementId clause severity status description raisedBy control { id } engagement { title } } }`;
const ENGAGEMENTS = `{ engagements { id title findings { id severity control { id } } } }`;
const ENGAGEMENT = `query($id: ID!) { engagement(id: $id) { id title status findings { id } } }`;
const FINDINGS = `query($engagementId: ID!) { findings(engagementId: $engagementId) { id description } }`;

const internalAuditor = testClaims([Role.InternalAuditor]);

describe('audit-service: engagements and findings', () => {
  const prefix = uniqueTopicPrefix('audit');
  let service: TestSubgraph<AuditConfig>;

  async function counts(): Promise<{ engagements: number; findings: number; events: number }> {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM engagement) AS engagements, (SELECT count(*) FROM finding) AS findings, (SELECT count(*) FROM outbox_event) AS events',
    );
    return { engagements: Number(row.engagements), findings: Number(row.findings), events: Number(row.events) };
  }

  async function planEngagement(title: string, type = 'INTERNAL'): Promise<string> {
    const { createEngagement } = await service.ok<{ createEngagement: { id: string } }>(CREATE_ENGAGEMENT, {
      input: { type, title, startsOn: '2030-04-01', endsOn: '2030-04-03', leadAuditor: 'Mary Auditor (CertBody Ltd)' },
    });
    return createEngagement.id;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('plans an engagement, raises findings on it and publishes each finding on Kafka', async () => {
    const { createEngagement } = await service.ok<{ createEngagement: Record<string, unknown> }>(CREATE_ENGAGEMENT, {
      input: { type: 'STAGE_2', title: 'Stage 2 certification audit', startsOn: '2030-05-12', endsOn: '2030-05-14', leadAuditor: 'Mary Auditor' },
    });
    expect(createEngagement).toMatchObject({ type: 'STAGE_2', startsOn: '2030-05-12', endsOn: '2030-05-14', status: 'PLANNED' });
    const engagementId = createEngagement['id'] as string;
    const other = await planEngagement('Internal audit Q1');

    const { raiseFinding } = await service.ok<{ raiseFinding: Record<string, unknown> & { id: string } }>(
      RAISE,
      { input: { engagementId, controlId: 'A.8.12', clause: '8.1', severity: 'MINOR_NONCONFORMITY', description: 'DLP rules not applied to e-mail' } },
      internalAuditor,
    );
    expect(raiseFinding).toMatchObject({
      engagementId,
      clause: '8.1',
      severity: 'MINOR_NONCONFORMITY',
      status: 'OPEN',
      raisedBy: internalAuditor.sub,
      control: { id: 'A.8.12' },
      engagement: { title: 'Stage 2 certification audit' },
    });
    const { raiseFinding: clauseOnly } = await service.ok<{ raiseFinding: { id: string; control: null } }>(RAISE, {
      input: { engagementId: other, clause: '9.2.1', severity: 'OBSERVATION', description: 'Audit programme lacks risk-based frequency' },
    });
    expect(clauseOnly.control).toBeNull();

    const listed = await service.ok<{ engagements: { id: string; findings: { id: string; control: { id: string } | null }[] }[] }>(ENGAGEMENTS);
    const byId = new Map(listed.engagements.map((e) => [e.id, e.findings]));
    expect(byId.get(engagementId)).toEqual([{ id: raiseFinding.id, severity: 'MINOR_NONCONFORMITY', control: { id: 'A.8.12' } }]);
    expect(byId.get(other)?.map((f) => f.id)).toEqual([clauseOnly.id]);
    const one = await service.ok<{ engagement: { findings: { id: string }[] } }>(ENGAGEMENT, { id: engagementId });
    expect(one.engagement.findings).toEqual([{ id: raiseFinding.id }]);
    const findings = await service.ok<{ findings: { description: string }[] }>(FINDINGS, { engagementId }, testClaims([Role.Executive]));
    expect(findings.findings).toEqual([{ id: raiseFinding.id, description: 'DLP rules not applied to e-mail' }]);

    const consumer = testKafka().consumer({ groupId: `${prefix}check` });
    const seen: { key?: string; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}audit.finding.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const event = await eventually('the finding event on the broker', () => seen.find((m) => m.key === raiseFinding.id));
      const envelope = envelopeSchema.parse(event.value);
      expect(envelope).toMatchObject({ type: 'audit.finding.raised', version: 1, source: 'audit-service', subjectId: raiseFinding.id, organisationId: TEST_ORGANISATION_ID, actor: internalAuditor.sub });
      expect(envelope.data).toEqual({ id: raiseFinding.id, engagementId, controlId: 'A.8.12', clause: '8.1', severity: 'MINOR_NONCONFORMITY', status: 'OPEN' });
    } finally {
      await consumer.disconnect();
    }
  });

  it('rejects bad input and findings on a closed engagement with a clear error, and writes nothing', async () => {
    const engagementId = await planEngagement('Surveillance audit 2031', 'SURVEILLANCE');
    const closed = await planEngagement('Internal audit 2029');
    await service.ok(SET_STATUS, { input: { id: closed, status: 'IN_PROGRESS' } });
    await service.ok(SET_STATUS, { input: { id: closed, status: 'CLOSED' } });
    const before = await counts();

    const backwards = await service.request(CREATE_ENGAGEMENT, {
      input: { type: 'INTERNAL', title: 'X', startsOn: '2030-04-03', endsOn: '2030-04-01', leadAuditor: 'Y' },
    });
    expect(backwards.errors?.[0]).toMatchObject({
      message: 'endsOn (2030-04-01) must be on or after startsOn (2030-04-03)',
      extensions: { code: 'ENGAGEMENT_DATES_INVALID', category: 'BAD_USER_INPUT' },
    });
    const badDate = await service.request(CREATE_ENGAGEMENT, { input: { type: 'INTERNAL', title: 'X', startsOn: '01/04/2030', endsOn: '2030-04-01', leadAuditor: 'Y' } });
    expect(badDate.errors?.[0]).toMatchObject({ message: expect.stringContaining('startsOn must be a date as YYYY-MM-DD'), extensions: { code: 'VALIDATION_FAILED' } });

    const unknownControl = await service.request(RAISE, { input: { engagementId, controlId: 'A.9.1', severity: 'OBSERVATION', description: 'x' } });
    expect(unknownControl.errors?.[0]).toMatchObject({ message: expect.stringContaining('not a control of ISO/IEC 27001:2022 Annex A'), extensions: { code: 'UNKNOWN_CONTROL' } });
    const badClause = await service.request(RAISE, { input: { engagementId, clause: '11.1', severity: 'OBSERVATION', description: 'x' } });
    expect(badClause.errors?.[0]).toMatchObject({ message: expect.stringContaining('clause must be a clause of the standard'), extensions: { code: 'VALIDATION_FAILED' } });
    const unknownEngagement = await service.request(RAISE, { input: { engagementId: randomUUID(), severity: 'OBSERVATION', description: 'x' } });
    expect(unknownEngagement.errors?.[0]?.extensions).toMatchObject({ code: 'ENGAGEMENT_NOT_FOUND' });
    const onClosed = await service.request(RAISE, { input: { engagementId: closed, clause: '9.2', severity: 'MAJOR_NONCONFORMITY', description: 'x' } }, internalAuditor);
    expect(onClosed.errors?.[0]).toMatchObject({ message: expect.stringContaining('is closed'), extensions: { code: 'ENGAGEMENT_CLOSED', category: 'CONFLICT' } });
    const reopen = await service.request(SET_STATUS, { input: { id: closed, status: 'PLANNED' } });
    expect(reopen.errors?.[0]).toMatchObject({ message: 'an engagement that is CLOSED cannot become PLANNED', extensions: { code: 'ENGAGEMENT_STATUS_INVALID' } });
    const missing = await service.request(ENGAGEMENT, { id: randomUUID() });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'ENGAGEMENT_NOT_FOUND', category: 'NOT_FOUND' });

    expect(await counts()).toEqual(before);
  });

  it('checks roles, and keeps an external auditor to the engagement of their grant', async () => {
    const mine = await planEngagement('Stage 1 audit', 'STAGE_1');
    const notMine = await planEngagement('Internal audit of HR');
    await service.ok(RAISE, { input: { engagementId: notMine, clause: '7.2', severity: 'OBSERVATION', description: 'internal only' } }, internalAuditor);
    const external = testClaims([Role.ExternalAuditor], { engagementId: mine, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const before = await counts();

    for (const [query, variables, claims] of [
      [ENGAGEMENTS, {}, testClaims([Role.Employee])],
      [CREATE_ENGAGEMENT, { input: { type: 'INTERNAL', title: 'X', startsOn: '2030-01-01', endsOn: '2030-01-01', leadAuditor: 'Y' } }, internalAuditor],
      [CREATE_ENGAGEMENT, { input: { type: 'INTERNAL', title: 'X', startsOn: '2030-01-01', endsOn: '2030-01-01', leadAuditor: 'Y' } }, external],
      [RAISE, { input: { engagementId: mine, severity: 'OBSERVATION', description: 'x' } }, testClaims([Role.ControlOwner])],
      [SET_STATUS, { input: { id: mine, status: 'CLOSED' } }, external],
    ] as const) {
      const denied = await service.request(query, variables, claims);
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }

    const visible = await service.ok<{ engagements: { id: string; findings: unknown[] }[] }>(ENGAGEMENTS, {}, external);
    expect(visible.engagements).toEqual([{ id: mine, title: 'Stage 1 audit', findings: [] }]);
    for (const [query, variables] of [
      [ENGAGEMENT, { id: notMine }],
      [FINDINGS, { engagementId: notMine }],
      [RAISE, { input: { engagementId: notMine, severity: 'OBSERVATION', description: 'x' } }],
    ] as const) {
      const outside = await service.request(query, variables, external);
      expect(outside.errors?.[0]).toMatchObject({
        message: `engagement ${notMine} is outside your grant: you may only access engagement ${mine}`,
        extensions: { code: 'OUTSIDE_ENGAGEMENT_GRANT', category: 'FORBIDDEN' },
      });
    }
    const expired = await service.request(ENGAGEMENTS, {}, { ...external, grantExpiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(expired.errors?.[0]).toMatchObject({ message: expect.stringContaining('expired'), extensions: { code: 'OUTSIDE_ENGAGEMENT_GRANT' } });
    const noGrant = await service.request(ENGAGEMENTS, {}, testClaims([Role.ExternalAuditor]));
    expect(noGrant.errors?.[0]?.extensions).toMatchObject({ code: 'OUTSIDE_ENGAGEMENT_GRANT', category: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const { raiseFinding } = await service.ok<{ raiseFinding: { id: string } }>(
      RAISE,
      { input: { engagementId: mine, clause: '6.1.3', severity: 'MAJOR_NONCONFORMITY', description: 'No Statement of Applicability' } },
      external,
    );
    const own = await service.ok<{ findings: { id: string }[] }>(FINDINGS, { engagementId: mine }, external);
    expect(own.findings.map((f) => f.id)).toEqual([raiseFinding.id]);

    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ENGAGEMENTS }) });
    expect(direct.status).toBe(401);
  });
});
