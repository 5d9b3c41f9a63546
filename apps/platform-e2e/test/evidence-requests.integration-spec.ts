import { randomBytes } from 'node:crypto';
import { controls } from '../../controls-service/src/subgraph';
import { NEXT_PERIOD_JOB, REMINDER_JOB } from '../../evidence-service/src/modules/requests/evidence-request.jobs';
import { addDays } from '../../evidence-service/src/modules/requests/evidence-request.rules';
import { evidence } from '../../evidence-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { startTestGateway, type TestGateway } from './test-gateway';

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface Request {
  id: string;
  assigneeId: string | null;
  status: string;
  period: string;
  periodEnd: string | null;
  dueDate: string;
  requirement: { frequency: string };
  unit: { id: string; name: string };
}

const LIST = `query($filter: EvidenceRequestFilterInput) { evidenceRequests(filter: $filter) { totalCount nodes {
  id assigneeId status period periodEnd dueDate requirement { frequency } unit { id name } } } }`;

/**
 * Flow 2 through the gateway and the broker: controls-service's SoA and implementations open, re-assign and cancel
 * evidence requests in evidence-service; the owner submits, the ISMS manager decides; the scheduled jobs remind and
 * open the next period.
 */
describe('flow 2: a control becoming applicable or changing owner opens evidence requests for its requirements', () => {
  const prefix = uniqueTopicPrefix('flow2');
  const secret = randomBytes(32).toString('hex');
  const subgraphs: TestSubgraph<never>[] = [];
  let evidenceService: TestSubgraph<never>;
  let gateway: TestGateway;
  const tokens: Record<'manager' | 'ceo' | 'owner' | 'riskOwner' | 'employee', string> = { manager: '', ceo: '', owner: '', riskOwner: '', employee: '' };

  async function call<T>(query: string, variables: Record<string, unknown> = {}, token = tokens.manager): Promise<GraphQLBody<T>> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody<T>;
  }
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token = tokens.manager): Promise<T> {
    const body = await call<T>(query, variables, token);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }
  const requests = async (filter: Record<string, unknown>, token = tokens.manager) => (await ok<{ evidenceRequests: { totalCount: number; nodes: Request[] } }>(LIST, { filter }, token)).evidenceRequests;

  beforeAll(async () => {
    const started = await Promise.all(
      [isms, controls, evidence].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret, env: { JOBS_POLL_SECONDS: '0.5', PERSON_REPLICA_WAIT_MS: '5000' } })),
    );
    subgraphs.push(...(started as TestSubgraph<never>[]));
    const [ismsService, controlsService] = started;
    evidenceService = started[2] as TestSubgraph<never>;
    gateway = await startTestGateway({ secret, subgraphUrls: { isms: ismsService!.url, controls: controlsService!.url, evidence: evidenceService.url }, maxQueryDepth: 6 });
    tokens.manager = await gateway.tokenFor('isms.manager@demo.example');
    tokens.ceo = await gateway.tokenFor('ceo@demo.example');
    tokens.owner = await gateway.tokenFor('control.owner@demo.example');
    tokens.riskOwner = await gateway.tokenFor('risk.owner@demo.example');
    tokens.employee = await gateway.tokenFor('employee@demo.example');
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('opens requests to the implementation owner, re-assigns them, takes submissions and decisions, runs the jobs, and cancels on exclusion', async () => {
    // isms-service: a department in the approved scope and two people; controls-service learns them through the broker.
    const { createOrgUnit: payments } = await ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(input: { name: "Payments", kind: DEPARTMENT }) { id } }');
    const person = async (email: string, name: string) =>
      (await ok<{ createPerson: { id: string } }>('mutation($e: String!, $n: String!, $u: ID) { createPerson(input: { email: $e, name: $n, unitId: $u }) { id } }', { e: email, n: name, u: payments.id })).createPerson.id;
    const dana = await person('dana.payments@bank.example', 'Dana Novak');
    const chen = await person('control.owner@demo.example', 'Chen Wei');
    const { createIsmsScopeDraft } = await ok<{ createIsmsScopeDraft: { id: string } }>('mutation { createIsmsScopeDraft { id } }');
    await ok('mutation($input: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $input) { id } }', { input: { id: createIsmsScopeDraft.id, statement: 'Card payments', inScopeUnitIds: [payments.id] } });
    await ok('mutation($id: ID!) { submitIsmsScopeForApproval(id: $id) { id } }', { id: createIsmsScopeDraft.id });
    await ok('mutation($id: ID!) { approveIsmsScope(id: $id) { id } }', { id: createIsmsScopeDraft.id }, tokens.ceo);
    await eventually('the scope reaches controls-service', async () => ((await ok<{ soaScope: { id: string } | null }>('{ soaScope { id } }')).soaScope ? true : undefined));

    // Implemented in Payments by Dana, but not yet applicable: nobody is asked.
    const { createControlImplementation: implementation } = await ok<{ createControlImplementation: { id: string } }>(
      'mutation($u: ID!, $o: ID) { createControlImplementation(input: { controlId: "A.5.15", unitId: $u, ownerId: $o, status: PLANNED, maturity: 1, description: "" }) { id } }',
      { u: payments.id, o: dana },
    );
    await eventually('the implementation reaches evidence-service', async () => (await evidenceService.deps.dataSource.query('SELECT 1 FROM control_implementation_replica')).length === 1);
    expect((await requests({})).totalCount).toBe(0);

    const applicableAt = Date.now();
    await ok('mutation { setControlApplicability(input: { controlId: "A.5.15", applicable: true, reasons: [BUSINESS] }) { control { id } } }');
    const opened = await eventually('one request per A.5.15 requirement, to Dana', async () => {
      const page = await requests({ controlId: 'A.5.15' });
      return page.totalCount === 2 && page.nodes;
    });
    const lagMs = Date.now() - applicableAt;
    expect(opened.map((r) => ({ assigneeId: r.assigneeId, status: r.status, unit: r.unit, frequency: r.requirement.frequency })).sort((a, b) => a.frequency.localeCompare(b.frequency))).toEqual([
      { assigneeId: dana, status: 'OPEN', unit: { id: payments.id, name: 'Payments' }, frequency: 'QUARTERLY' },
      { assigneeId: dana, status: 'OPEN', unit: { id: payments.id, name: 'Payments' }, frequency: 'YEARLY' },
    ]);
    // Employees see none.
    expect((await call(LIST, {}, tokens.employee)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // The owner changes in controls-service: the open requests follow, and Chen sees them as his own.
    await ok('mutation($id: ID!, $o: ID) { updateControlImplementation(id: $id, input: { ownerId: $o, status: PLANNED, maturity: 1, description: "" }) { id } }', { id: implementation.id, o: chen });
    await eventually('requests re-assigned to Chen', async () => (await requests({ controlId: 'A.5.15' })).nodes.every((r) => r.assigneeId === chen));
    const mine = await ok<{ myEvidenceRequests: { nodes: { id: string }[] } }>('{ myEvidenceRequests { nodes { id } } }', {}, tokens.owner);
    expect(mine.myEvidenceRequests.nodes.map((r) => r.id).sort()).toEqual(opened.map((r) => r.id).sort());
    expect((await requests({ assignee: 'ME' }, tokens.owner)).totalCount).toBe(2);

    // Chen submits evidence of Payments; the ISMS manager asks for changes with a reason, then accepts.
    const { addEvidence } = await ok<{ addEvidence: { id: string } }>('mutation($u: ID!) { addEvidence(input: { title: "Q4 access review", unitId: $u, controlIds: ["A.5.15"], content: { kind: LINK, url: "https://wiki.example.com/q4" } }) { id } }', { u: payments.id });
    const quarterly = opened.find((r) => r.requirement.frequency === 'QUARTERLY')!;
    const submit = 'mutation($input: SubmitEvidenceRequestInput!) { submitEvidenceRequest(input: $input) { status } }';
    expect((await call(submit, { input: { requestId: quarterly.id, evidenceIds: [addEvidence.id] } }, tokens.riskOwner)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await call(submit, { input: { requestId: quarterly.id, evidenceIds: [addEvidence.id] } })).errors?.[0]?.extensions?.['code']).toBe('NOT_ASSIGNEE');
    await ok(submit, { input: { requestId: quarterly.id, evidenceIds: [addEvidence.id] } }, tokens.owner);
    const noReason = await call('mutation($id: ID!) { requestEvidenceChanges(input: { requestId: $id }) { status } }', { id: quarterly.id });
    expect(noReason.errors?.[0]?.extensions?.['code']).toBe('REASON_REQUIRED');
    await ok('mutation($id: ID!) { requestEvidenceChanges(input: { requestId: $id, comment: "Add the sign-off" }) { status } }', { id: quarterly.id });
    await ok(submit, { input: { requestId: quarterly.id, evidenceIds: [addEvidence.id] } }, tokens.owner);
    expect((await call('mutation($id: ID!) { acceptEvidenceRequest(input: { requestId: $id }) { status } }', { id: quarterly.id }, tokens.owner)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await ok('mutation($id: ID!) { acceptEvidenceRequest(input: { requestId: $id }) { status } }', { id: quarterly.id });
    const { evidenceRequest } = await ok<{ evidenceRequest: { status: string; history: { action: string }[] } }>('query($id: ID!) { evidenceRequest(id: $id) { status history { action } } }', { id: quarterly.id });
    expect(evidenceRequest).toEqual({ status: 'ACCEPTED', history: ['OPENED', 'REASSIGNED', 'SUBMITTED', 'CHANGES_REQUESTED', 'SUBMITTED', 'ACCEPTED'].map((action) => ({ action })) });

    // The scheduled jobs, run through their queues: a reminder a week before the yearly request's due date (once),
    // and the next quarter's request once the quarter has ended (once).
    const yearly = opened.find((r) => r.requirement.frequency === 'YEARLY')!;
    const notifications = async () =>
      (await evidenceService.deps.dataSource.query(`SELECT envelope->'data'->>'dedupeKey' AS key FROM outbox_event WHERE type = 'notification.requested' AND message_key = $1`, [yearly.id])) as { key: string }[];
    await evidenceService.jobs!.runJobNow(REMINDER_JOB, { asOf: addDays(yearly.dueDate, -7) });
    await evidenceService.jobs!.runJobNow(REMINDER_JOB, { asOf: addDays(yearly.dueDate, -6) });
    expect((await notifications()).map((n) => n.key)).toEqual([`evidence-request:${yearly.id}:${chen}:${yearly.dueDate}:DUE_IN_7_DAYS`]);
    await eventually('the reminder published', async () => (await evidenceService.deps.dataSource.query(`SELECT 1 FROM outbox_event WHERE type = 'notification.requested' AND published_at IS NOT NULL`)).length === 1);

    await evidenceService.jobs!.runJobNow(NEXT_PERIOD_JOB, { asOf: addDays(quarterly.periodEnd!, 1) });
    await evidenceService.jobs!.runJobNow(NEXT_PERIOD_JOB, { asOf: addDays(quarterly.periodEnd!, 2) });
    const open = (await requests({ controlId: 'A.5.15', status: 'OPEN' })).nodes.filter((r) => r.requirement.frequency === 'QUARTERLY');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ assigneeId: chen, period: expect.not.stringMatching(new RegExp(`^${quarterly.period}$`)) });

    // Excluded from the SoA: every live request is cancelled; what was accepted stays accepted.
    await ok('mutation { setControlApplicability(input: { controlId: "A.5.15", applicable: false, justification: "Access is managed by the card processor" }) { control { id } } }');
    await eventually('live A.5.15 requests cancelled', async () => {
      const nodes = (await requests({ controlId: 'A.5.15' })).nodes;
      return nodes.every((r) => r.status === 'CANCELLED' || r.status === 'ACCEPTED') && nodes.some((r) => r.status === 'CANCELLED');
    });
    expect((await requests({ controlId: 'A.5.15', status: 'ACCEPTED' })).nodes.map((r) => r.id)).toEqual([quarterly.id]);
    process.stderr.write(`flow 2 (control applicable in controls-service -> requests open in evidence-service, through Kafka): ${lagMs} ms\n`);
  });
});
