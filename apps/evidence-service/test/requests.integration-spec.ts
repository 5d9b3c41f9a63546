import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { ControlImplementationChanged, PersonUpserted, SoaEntryChanged } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { NEXT_PERIOD_JOB, REMINDER_JOB } from '../src/modules/requests/evidence-request.jobs';
import { addDays, dayOf } from '../src/modules/requests/evidence-request.rules';
import { evidence } from '../src/subgraph';

const REQUEST = 'id requirementId controlId unitId assigneeId status dueDate period periodStart periodEnd evidenceIds requirement { title frequency }';
const LIST = `query($filter: EvidenceRequestFilterInput) { evidenceRequests(filter: $filter, first: 100) { totalCount nodes { ${REQUEST} } } }`;
const ONE = `query($id: ID!) { evidenceRequest(id: $id) { ${REQUEST} history { action fromStatus toStatus actor comment } comments { author text } } }`;
const MINE = `{ myEvidenceRequests { totalCount nodes { id controlId } } }`;
const SUBMIT = `mutation($input: SubmitEvidenceRequestInput!) { submitEvidenceRequest(input: $input) { id status evidenceIds } }`;
const ACCEPT = `mutation($input: DecideEvidenceRequestInput!) { acceptEvidenceRequest(input: $input) { id status } }`;
const CHANGES = `mutation($input: DecideEvidenceRequestInput!) { requestEvidenceChanges(input: $input) { id status } }`;
const COMMENT = `mutation($input: CommentOnEvidenceRequestInput!) { commentOnEvidenceRequest(input: $input) { id } }`;
const OPEN = `mutation($input: OpenEvidenceRequestInput!) { openEvidenceRequest(input: $input) { ${REQUEST} } }`;
const REQUIREMENTS = `query($controlId: ID, $includeRetired: Boolean) { evidenceRequirements(controlId: $controlId, includeRetired: $includeRetired) { id controlId title frequency fromDefaults retiredAt } }`;
const ADD_REQUIREMENT = `mutation($input: AddEvidenceRequirementInput!) { addEvidenceRequirement(input: $input) { id controlId title frequency fromDefaults } }`;
const CHANGE_REQUIREMENT = `mutation($input: ChangeEvidenceRequirementInput!) { changeEvidenceRequirement(input: $input) { id title frequency } }`;
const RETIRE_REQUIREMENT = `mutation($id: ID!) { retireEvidenceRequirement(id: $id) { id retiredAt } }`;
const ADD_EVIDENCE = `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { id } }`;

interface Request {
  id: string;
  requirementId: string;
  controlId: string;
  unitId: string;
  assigneeId: string | null;
  status: string;
  dueDate: string;
  period: string;
  periodStart: string;
  periodEnd: string | null;
  evidenceIds: string[];
  requirement: { title: string; frequency: string };
}

describe('evidence-service: requirements per control, requests to implementation owners (flow 2), reminders and the next period', () => {
  const prefix = uniqueTopicPrefix('evidence-requests');
  let service: TestSubgraph<EvidenceConfig>;
  let events: TestEventPublisher;
  const [finance, itUnit] = [randomUUID(), randomUUID()];
  const person = (name: string) => ({ id: randomUUID(), email: `${name.toLowerCase()}@bank.example`, name });
  const olga = person('Olga');
  const nils = person('Nils');
  const mona = person('Mona'); // an ISMS manager who is also asked for evidence
  const manager = testClaims([Role.IsmsManager]);
  const monaClaims = testClaims([Role.IsmsManager], { email: mona.email });
  const nilsClaims = testClaims([Role.ControlOwner], { email: nils.email, unitIds: [finance] });
  const itOwner = testClaims([Role.ControlOwner], { unitIds: [itUnit] });
  const today = dayOf(new Date());
  const implementation = { id: randomUUID(), controlId: 'A.5.15', unitId: finance, status: 'IMPLEMENTED' as const, maturity: 3 };

  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> => service.deps.dataSource.query(sql, parameters);
  const counts = async () => (await query<{ requests: string; history: string; outbox: string }>(
    `SELECT (SELECT count(*) FROM evidence_request) AS requests, (SELECT count(*) FROM evidence_request_history) AS history, (SELECT count(*) FROM outbox_event) AS outbox`,
  ))[0];
  const list = async (filter: Record<string, unknown>, claims = manager) => (await service.ok<{ evidenceRequests: { totalCount: number; nodes: Request[] } }>(LIST, { filter }, claims)).evidenceRequests;
  const soa = (controlId: string, applicable: boolean, ownerId: string | null = null) =>
    events.publishAs(SoaEntryChanged, { controlId, applicable, reasons: applicable ? ['RISK_TREATMENT'] : [], riskIds: [], justification: applicable ? null : 'Not used here', ownerId }, { subjectId: controlId });
  const implement = (data: Partial<typeof implementation> & { ownerId: string | null; removed?: boolean }) =>
    events.publishAs(ControlImplementationChanged, { ...implementation, removed: false, ...data });
  const errorOf = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({ code: result.errors?.[0]?.extensions?.['code'], message: result.errors?.[0]?.message });

  beforeAll(async () => {
    service = await startTestSubgraph(evidence, { topicPrefix: prefix, env: { JOBS_POLL_SECONDS: '0.5' } });
    events = await TestEventPublisher.connect(prefix, 'controls-stand-in');
    for (const each of [olga, nils, mona]) await events.publishAs(PersonUpserted, { ...each, unitId: null, managerId: null, jobRole: null, active: true });
    await eventually('people replicated', async () => (await query('SELECT 1 FROM person_replica')).length === 3);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('gives the organisation the default requirements on first use, which the ISMS manager edits', async () => {
    const { evidenceRequirements: all } = await service.ok<{ evidenceRequirements: { controlId: string; fromDefaults: boolean }[] }>(REQUIREMENTS, {});
    expect(new Set(all.map((r) => r.controlId)).size).toBe(93);
    expect(all.every((r) => r.fromDefaults)).toBe(true);
    const { evidenceRequirements: accessControl } = await service.ok<{ evidenceRequirements: { title: string; frequency: string }[] }>(REQUIREMENTS, { controlId: 'A.5.15' }, nilsClaims);
    expect(accessControl.map((r) => r.frequency)).toEqual(['YEARLY', 'QUARTERLY']);
    expect(accessControl[1]!.title).toMatch(/access review/i);

    expect(errorOf(await service.request(ADD_REQUIREMENT, { input: { controlId: 'A.9.1', title: 'Anything', frequency: 'YEARLY' } }))).toEqual({
      code: 'UNKNOWN_CONTROL',
      message: 'A.9.1 is not an ISO/IEC 27001:2022 Annex A control',
    });
    expect(errorOf(await service.request(ADD_REQUIREMENT, { input: { controlId: 'A.8.13', title: '   ', frequency: 'YEARLY' } })).code).toBe('REQUIREMENT_TITLE_REQUIRED');
    expect(errorOf(await service.request(ADD_REQUIREMENT, { input: { controlId: 'A.8.13', title: 'Restore drill', frequency: 'YEARLY' } }, nilsClaims)).code).toBe('FORBIDDEN');

    const { addEvidenceRequirement: added } = await service.ok<{ addEvidenceRequirement: { id: string } }>(ADD_REQUIREMENT, {
      input: { controlId: 'A.8.13', title: 'Restore drill of one production system', frequency: 'YEARLY' },
    });
    const { changeEvidenceRequirement: changed } = await service.ok<{ changeEvidenceRequirement: unknown }>(CHANGE_REQUIREMENT, { input: { id: added.id, frequency: 'QUARTERLY' } });
    expect(changed).toEqual({ id: added.id, title: 'Restore drill of one production system', frequency: 'QUARTERLY' });
    await service.ok(RETIRE_REQUIREMENT, { id: added.id });
    expect(errorOf(await service.request(CHANGE_REQUIREMENT, { input: { id: added.id, title: 'Again' } })).code).toBe('REQUIREMENT_RETIRED');
    const { evidenceRequirements: active } = await service.ok<{ evidenceRequirements: { id: string }[] }>(REQUIREMENTS, { controlId: 'A.8.13' });
    expect(active.map((r) => r.id)).not.toContain(added.id);
    // The change is in the audit trail, before and after.
    const trail = await query<{ action: string; after: { frequency?: string; retiredAt?: string | null } | null }>(
      `SELECT action, after FROM audit_trail WHERE record_type = 'evidence_requirement' AND record_id = $1 ORDER BY seq`,
      [added.id],
    );
    expect(trail.map((row) => row.action)).toEqual(['INSERT', 'UPDATE', 'UPDATE']);
  });

  it('opens one request per requirement to the implementation owner once the control is applicable, without duplicates', async () => {
    await implement({ ownerId: olga.id });
    await eventually('the implementation replicated', async () => (await query('SELECT 1 FROM control_implementation_replica')).length === 1);
    expect((await list({})).totalCount).toBe(0); // not applicable yet: nothing is asked

    await soa('A.5.15', true);
    const opened = await eventually('two requests for A.5.15 in finance', async () => {
      const page = await list({ controlId: 'A.5.15' });
      return page.totalCount === 2 && page.nodes;
    });
    expect(opened.map(({ unitId, assigneeId, status, requirement }) => ({ unitId, assigneeId, status, frequency: requirement.frequency }))).toEqual(
      expect.arrayContaining([
        { unitId: finance, assigneeId: olga.id, status: 'OPEN', frequency: 'YEARLY' },
        { unitId: finance, assigneeId: olga.id, status: 'OPEN', frequency: 'QUARTERLY' },
      ]),
    );
    const quarterly = opened.find((r) => r.requirement.frequency === 'QUARTERLY')!;
    expect(quarterly.period).toBe(`${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`);
    expect(quarterly.dueDate).toBe(addDays(quarterly.periodEnd!, 14));
    const outbox = await query<{ n: string }>(`SELECT count(*) AS n FROM outbox_event WHERE type = 'evidence.request.changed'`);
    expect(Number(outbox[0]!.n)).toBe(2);

    // The same news again (a second SoA change, a redelivered implementation event) opens nothing more.
    await soa('A.5.15', true);
    await implement({ ownerId: olga.id });
    await eventually('both events consumed', async () => (await query(`SELECT 1 FROM consumed_event`)).length >= 6);
    expect((await list({ controlId: 'A.5.15' })).totalCount).toBe(2);
  });

  it('re-assigns open requests when the implementation owner changes, and scopes who sees them', async () => {
    await implement({ ownerId: nils.id });
    await eventually('requests re-assigned to Nils', async () => (await list({ controlId: 'A.5.15' })).nodes.every((r) => r.assigneeId === nils.id));
    const [first] = (await list({ controlId: 'A.5.15' })).nodes;
    const { evidenceRequest } = await service.ok<{ evidenceRequest: { history: { action: string }[] } }>(ONE, { id: first!.id });
    expect(evidenceRequest.history.map((h) => h.action)).toEqual(['OPENED', 'REASSIGNED']);

    expect((await list({}, nilsClaims)).totalCount).toBe(2);
    expect((await list({}, itOwner)).totalCount).toBe(0);
    expect((await service.ok<{ evidenceRequest: unknown }>(ONE, { id: first!.id }, itOwner)).evidenceRequest).toBeNull();
    expect((await service.ok<{ myEvidenceRequests: { totalCount: number } }>(MINE, {}, nilsClaims)).myEvidenceRequests.totalCount).toBe(2);
    expect((await list({ assignee: 'ME' }, testClaims([Role.ControlOwner], { email: olga.email, unitIds: [finance] }))).totalCount).toBe(0);
    for (const role of [Role.Employee, Role.ExternalAuditor]) {
      expect(errorOf(await service.request(LIST, {}, testClaims([role], { unitIds: [finance] }))).code).toBe('FORBIDDEN');
    }
  });

  it('takes evidence of the same department from the assignee, and accepts or sends it back with segregation of duties', async () => {
    const evidenceIn = async (unitId: string) =>
      (await service.ok<{ addEvidence: { id: string } }>(ADD_EVIDENCE, { input: { title: 'Q4 access review', unitId, controlIds: ['A.5.15'], content: { kind: 'LINK', url: 'https://wiki.example.com/q4-review' } } }))
        .addEvidence.id;
    const [financeEvidence, itEvidence] = [await evidenceIn(finance), await evidenceIn(itUnit)];
    const quarterly = (await list({ controlId: 'A.5.15' })).nodes.find((r) => r.requirement.frequency === 'QUARTERLY')!;

    const before = await counts();
    const refusals = [
      [{ requestId: quarterly.id, evidenceIds: [itEvidence] }, nilsClaims, 'EVIDENCE_OF_OTHER_UNIT', `evidence ${itEvidence} belongs to another department`],
      [{ requestId: quarterly.id, evidenceIds: [randomUUID()] }, nilsClaims, 'UNKNOWN_EVIDENCE', 'no evidence item'],
      [{ requestId: quarterly.id, evidenceIds: [] }, nilsClaims, 'EVIDENCE_REQUIRED', 'at least one evidence item'],
      [{ requestId: quarterly.id, evidenceIds: [financeEvidence] }, manager, 'NOT_ASSIGNEE', 'assigned to someone else'],
      [{ requestId: quarterly.id, evidenceIds: [financeEvidence] }, itOwner, 'OUT_OF_SCOPE', 'outside your units'],
      [{ requestId: randomUUID(), evidenceIds: [financeEvidence] }, nilsClaims, 'REQUEST_NOT_FOUND', 'no evidence request'],
    ] as const;
    for (const [input, claims, code, message] of refusals) {
      const result = errorOf(await service.request(SUBMIT, { input }, claims));
      expect(result.code).toBe(code);
      expect(result.message).toContain(message);
    }
    expect(errorOf(await service.request(ACCEPT, { input: { requestId: quarterly.id } })).code).toBe('INVALID_TRANSITION');
    expect(await counts()).toEqual(before);

    expect((await service.ok<{ submitEvidenceRequest: unknown }>(SUBMIT, { input: { requestId: quarterly.id, evidenceIds: [financeEvidence], comment: 'Review done' } }, nilsClaims)).submitEvidenceRequest).toEqual({
      id: quarterly.id,
      status: 'SUBMITTED',
      evidenceIds: [financeEvidence],
    });
    expect(errorOf(await service.request(CHANGES, { input: { requestId: quarterly.id, comment: ' ' } })).code).toBe('REASON_REQUIRED');
    await service.ok(CHANGES, { input: { requestId: quarterly.id, comment: 'Attach the sign-off of the head of finance' } }, manager);
    await service.ok(COMMENT, { input: { requestId: quarterly.id, text: 'Sign-off attached to the same page' } }, nilsClaims);
    await service.ok(SUBMIT, { input: { requestId: quarterly.id, evidenceIds: [financeEvidence] } }, nilsClaims);
    await service.ok(ACCEPT, { input: { requestId: quarterly.id } });
    const { evidenceRequest } = await service.ok<{ evidenceRequest: { status: string; history: { action: string; actor: string; comment: string | null }[]; comments: { text: string }[] } }>(ONE, {
      id: quarterly.id,
    });
    expect(evidenceRequest.status).toBe('ACCEPTED');
    expect(evidenceRequest.history.map((h) => h.action)).toEqual(['OPENED', 'REASSIGNED', 'SUBMITTED', 'CHANGES_REQUESTED', 'SUBMITTED', 'ACCEPTED']);
    expect(evidenceRequest.history[3]).toMatchObject({ actor: manager.sub, comment: 'Attach the sign-off of the head of finance' });
    expect(evidenceRequest.comments).toEqual([{ text: 'Sign-off attached to the same page', author: nilsClaims.sub }]);

    // Nobody accepts their own: Mona is asked for evidence and submits it; she may not accept it, another manager may.
    const requirementId = (await service.ok<{ evidenceRequirements: { id: string }[] }>(REQUIREMENTS, { controlId: 'A.5.2' })).evidenceRequirements[0]!.id;
    const { openEvidenceRequest: own } = await service.ok<{ openEvidenceRequest: Request }>(OPEN, { input: { requirementId, unitId: finance, dueDate: addDays(today, 20), assigneeId: mona.id } });
    await service.ok(SUBMIT, { input: { requestId: own.id, evidenceIds: [financeEvidence] } }, monaClaims);
    const self = errorOf(await service.request(ACCEPT, { input: { requestId: own.id } }, monaClaims));
    expect(self).toEqual({ code: 'SELF_APPROVAL', message: expect.stringContaining('another programme manager decides it') });
    await service.ok(ACCEPT, { input: { requestId: own.id } });
  });

  it('refuses a request for an unknown requirement or with a past due date, writing nothing', async () => {
    const requirementId = (await service.ok<{ evidenceRequirements: { id: string }[] }>(REQUIREMENTS, { controlId: 'A.5.9' })).evidenceRequirements[0]!.id;
    const before = await counts();
    const bad = [
      [{ requirementId: randomUUID(), unitId: finance, dueDate: addDays(today, 5), assigneeId: nils.id }, 'UNKNOWN_REQUIREMENT', 'no evidence requirement'],
      [{ requirementId, unitId: finance, dueDate: addDays(today, -1), assigneeId: nils.id }, 'DUE_DATE_IN_PAST', `dueDate ${addDays(today, -1)} is in the past`],
      [{ requirementId, unitId: finance, dueDate: '2026-02-30', assigneeId: nils.id }, 'VALIDATION_FAILED', 'dueDate must be a valid calendar date'],
      [{ requirementId, unitId: itUnit, dueDate: addDays(today, 5) }, 'ASSIGNEE_REQUIRED', 'name the person to ask'],
    ] as const;
    for (const [input, code, message] of bad) {
      const result = errorOf(await service.request(OPEN, { input }));
      expect(result.code).toBe(code);
      expect(result.message).toContain(message);
    }
    expect(errorOf(await service.request(OPEN, { input: bad[0][0] }, nilsClaims)).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('reminds the assignee a week and a day before the due date and when overdue, each once, through the scheduled job', async () => {
    const requirementId = (await service.ok<{ evidenceRequirements: { id: string }[] }>(REQUIREMENTS, { controlId: 'A.5.9' })).evidenceRequirements[0]!.id;
    const dueDate = addDays(today, 7);
    const { openEvidenceRequest: request } = await service.ok<{ openEvidenceRequest: Request }>(OPEN, { input: { requirementId, unitId: finance, dueDate, assigneeId: nils.id } });
    const notifications = async () =>
      (await query<{ data: { kind: string; dedupeKey: string; recipientPersonId: string; dueDate: string; link: string } }>(
        `SELECT envelope->'data' AS data FROM outbox_event WHERE type = 'notification.requested' AND message_key = $1 ORDER BY seq`,
        [request.id],
      )).map((row) => row.data);

    expect((await service.jobs!.runJobNow(REMINDER_JOB)).state).toBe('completed');
    expect(await notifications()).toEqual([
      {
        recipientPersonId: nils.id,
        kind: 'EVIDENCE_REQUEST_DUE_SOON',
        subject: expect.stringContaining('Evidence due in a week: A.5.9'),
        body: expect.stringContaining(`by ${dueDate}`),
        dueDate,
        link: `/evidence/requests/${request.id}`,
        dedupeKey: `evidence-request:${request.id}:${nils.id}:${dueDate}:DUE_IN_7_DAYS`,
      },
    ]);
    await service.jobs!.runJobNow(REMINDER_JOB);
    expect(await notifications()).toHaveLength(1); // at most once

    await service.jobs!.runJobNow(REMINDER_JOB, { asOf: addDays(dueDate, -1) });
    await service.jobs!.runJobNow(REMINDER_JOB, { asOf: addDays(dueDate, 1) });
    await service.jobs!.runJobNow(REMINDER_JOB, { asOf: addDays(dueDate, 2) });
    expect((await notifications()).map((n) => n.dedupeKey.split(':').at(-1))).toEqual(['DUE_IN_7_DAYS', 'DUE_IN_1_DAY', 'OVERDUE']);
    expect((await notifications()).at(-1)).toMatchObject({ kind: 'EVIDENCE_REQUEST_OVERDUE', subject: expect.stringContaining('Evidence overdue') });
    // Submitted evidence waits for the reviewer, not the assignee: no reminder for it.
    const accepted = await query<{ n: string }>(`SELECT count(*) AS n FROM evidence_request_reminder r JOIN evidence_request q ON q.id = r.request_id WHERE q.status = 'ACCEPTED'`);
    expect(Number(accepted[0]!.n)).toBe(0);
  });

  it('opens the next period of a periodic requirement from the accepted request once its period has ended, once', async () => {
    const accepted = (await list({ controlId: 'A.5.15', status: 'ACCEPTED' })).nodes.find((r) => r.requirement.frequency === 'QUARTERLY')!;
    const nextDay = addDays(accepted.periodEnd!, 1);
    expect((await service.jobs!.runJobNow(NEXT_PERIOD_JOB, { asOf: accepted.periodEnd! })).state).toBe('completed');
    expect((await list({ controlId: 'A.5.15', status: 'OPEN' })).nodes.filter((r) => r.requirementId === accepted.requirementId)).toEqual([]); // not yet over

    await service.jobs!.runJobNow(NEXT_PERIOD_JOB, { asOf: nextDay });
    await service.jobs!.runJobNow(NEXT_PERIOD_JOB, { asOf: nextDay });
    const next = (await list({ controlId: 'A.5.15' })).nodes.filter((r) => r.requirementId === accepted.requirementId && r.id !== accepted.id);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ status: 'OPEN', assigneeId: nils.id, unitId: finance, periodStart: nextDay, dueDate: addDays(next[0]!.periodEnd!, 14) });
  });

  it('cancels open requests when the control stops being applicable or the implementation is removed', async () => {
    await soa('A.5.15', false);
    await eventually('A.5.15 requests cancelled', async () => (await list({ controlId: 'A.5.15', status: 'OPEN' })).totalCount === 0);
    const statuses = (await list({ controlId: 'A.5.15' })).nodes.map((r) => r.status).sort();
    expect(statuses.filter((s) => s !== 'CANCELLED')).toEqual(['ACCEPTED']); // what was accepted stays accepted

    const backup = { id: randomUUID(), controlId: 'A.8.13', unitId: itUnit };
    await soa('A.8.13', true, olga.id);
    await implement({ ...backup, ownerId: null });
    const opened = await eventually('A.8.13 requested from the SoA owner in IT', async () => {
      const page = await list({ controlId: 'A.8.13', unitId: itUnit });
      return page.totalCount === 1 && page.nodes;
    });
    expect(opened[0]).toMatchObject({ assigneeId: olga.id, status: 'OPEN' });
    await implement({ ...backup, ownerId: null, removed: true });
    await eventually('A.8.13 cancelled with its implementation', async () => (await list({ controlId: 'A.8.13', unitId: itUnit })).nodes.every((r) => r.status === 'CANCELLED'));
  });
});
