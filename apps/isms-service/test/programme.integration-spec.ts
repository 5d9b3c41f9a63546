import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../src/config';
import { isms } from '../src/subgraph';

const SCOPE_FIELDS = 'id version status statement inScopeUnitIds locations systems interfaces exclusions { item justification } basedOnId approvedBySub approvedByName approvedAt approvedByPerson { email }';
const UPDATE_SCOPE = `mutation($input: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $input) { ${SCOPE_FIELDS} } }`;

interface Scope {
  id: string;
  version: number;
  status: string;
  inScopeUnitIds: string[];
  locations: string[];
  exclusions: { item: string; justification: string }[];
  basedOnId: string | null;
  approvedBySub: string | null;
  approvedByName: string | null;
  approvedByPerson: { email: string } | null;
}

describe('isms-service: scope, context, objectives and the certification plan', () => {
  const prefix = uniqueTopicPrefix('isms-programme');
  let service: TestSubgraph<IsmsConfig>;
  let unitId: string;
  let otherUnitId: string;
  let ceoId: string;
  const executive = testClaims([Role.Executive], { email: 'ceo@bank.test', name: 'Chief Executive' });
  const count = async (table: string) => Number((await service.deps.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count);

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
    const unit = async (name: string) => (await service.ok<{ createOrgUnit: { id: string } }>(`mutation { createOrgUnit(input: { name: "${name}", kind: DEPARTMENT }) { id } }`)).createOrgUnit.id;
    unitId = await unit('Payments');
    otherUnitId = await unit('Cards');
    ceoId = (await service.ok<{ createPerson: { id: string } }>(`mutation { createPerson(input: { email: "ceo@bank.test", name: "Chief Executive" }) { id } }`)).createPerson.id;
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('versions the scope: draft, edit, submission, approval by top management, supersession, and the approval on the broker', async () => {
    const { createIsmsScopeDraft: v1 } = await service.ok<{ createIsmsScopeDraft: Scope }>(`mutation { createIsmsScopeDraft { ${SCOPE_FIELDS} } }`);
    expect(v1).toMatchObject({ version: 1, status: 'DRAFT', inScopeUnitIds: [], basedOnId: null });

    const before = { scopes: await count('isms_scope'), events: await count('outbox_event') };
    const unjustified = await service.request(UPDATE_SCOPE, { input: { id: v1.id, exclusions: [{ item: 'Branch CCTV', justification: '' }] } });
    expect(unjustified.errors?.[0]).toMatchObject({ message: expect.stringContaining('every exclusion needs a justification'), extensions: { code: 'VALIDATION_FAILED' } });
    const unknownUnit = await service.request(UPDATE_SCOPE, { input: { id: v1.id, inScopeUnitIds: ['7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11'] } });
    expect(unknownUnit.errors?.[0]).toMatchObject({ message: 'unit(s) 7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11 do not exist', extensions: { code: 'UNIT_NOT_FOUND' } });
    const incomplete = await service.request(`mutation { submitIsmsScopeForApproval(id: "${v1.id}") { id } }`);
    expect(incomplete.errors?.[0]).toMatchObject({ message: 'version 1 cannot be submitted without a scope statement and at least one in-scope unit', extensions: { code: 'SCOPE_INCOMPLETE' } });
    const notSubmitted = await service.request(`mutation { approveIsmsScope(id: "${v1.id}") { id } }`, {}, executive);
    expect(notSubmitted.errors?.[0]).toMatchObject({ message: expect.stringContaining('still a draft: it must be submitted first'), extensions: { code: 'NOT_SUBMITTED', category: 'CONFLICT' } });
    const managerCannotApprove = await service.request(`mutation { approveIsmsScope(id: "${v1.id}") { id } }`);
    expect(managerCannotApprove.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect({ scopes: await count('isms_scope'), events: await count('outbox_event') }).toEqual(before);
    expect((await service.ok<{ ismsScopeVersion: Scope }>(`{ ismsScopeVersion(id: "${v1.id}") { ${SCOPE_FIELDS} } }`)).ismsScopeVersion.exclusions).toEqual([]);

    await service.ok(UPDATE_SCOPE, {
      input: {
        id: v1.id,
        statement: 'Card payment processing for retail customers',
        inScopeUnitIds: [unitId],
        locations: ['London data centre', ' London data centre '],
        systems: ['Card switch'],
        interfaces: ['Card schemes'],
        exclusions: [{ item: 'Branch CCTV', justification: 'Operated and certified by the facilities provider' }],
      },
    });
    await service.ok(`mutation { submitIsmsScopeForApproval(id: "${v1.id}") { id } }`);
    const approved = (await service.ok<{ approveIsmsScope: Scope }>(`mutation { approveIsmsScope(id: "${v1.id}") { ${SCOPE_FIELDS} } }`, {}, executive)).approveIsmsScope;
    expect(approved).toMatchObject({ status: 'APPROVED', locations: ['London data centre'], approvedBySub: executive.sub, approvedByName: 'Chief Executive', approvedByPerson: { email: 'ceo@bank.test' } });

    const frozen = await service.request(UPDATE_SCOPE, { input: { id: v1.id, locations: ['Elsewhere'] } });
    expect(frozen.errors?.[0]).toMatchObject({ message: 'scope version 1 is approved; only a draft can be changed or submitted', extensions: { code: 'NOT_A_DRAFT' } });

    const { createIsmsScopeDraft: v2 } = await service.ok<{ createIsmsScopeDraft: Scope }>(`mutation { createIsmsScopeDraft { ${SCOPE_FIELDS} } }`);
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', basedOnId: v1.id, inScopeUnitIds: [unitId], locations: ['London data centre'] });
    const secondDraft = await service.request(`mutation { createIsmsScopeDraft { id } }`);
    expect(secondDraft.errors?.[0]).toMatchObject({ message: 'version 2 is already a draft: edit and submit it before starting another', extensions: { code: 'DRAFT_EXISTS' } });
    await service.ok(UPDATE_SCOPE, { input: { id: v2.id, inScopeUnitIds: [unitId, otherUnitId] } });
    await service.ok(`mutation { submitIsmsScopeForApproval(id: "${v2.id}") { id } }`);
    await service.ok(`mutation { approveIsmsScope(id: "${v2.id}") { id } }`, {}, testClaims([Role.Admin]));

    const current = (await service.ok<{ currentIsmsScope: Scope }>(`{ currentIsmsScope { ${SCOPE_FIELDS} } }`)).currentIsmsScope;
    expect(current).toMatchObject({ id: v2.id, version: 2, inScopeUnitIds: [unitId, otherUnitId] });
    const versions = (await service.ok<{ ismsScopeVersions: Scope[] }>(`{ ismsScopeVersions { version status } }`, {}, testClaims([Role.ExternalAuditor]))).ismsScopeVersions;
    expect(versions).toEqual([
      { version: 2, status: 'APPROVED' },
      { version: 1, status: 'SUPERSEDED' },
    ]);

    const consumer = testKafka().consumer({ groupId: `${prefix}scope` });
    const seen: unknown[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}isms.scope.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(String(message.value))) });
    try {
      await eventually('two scope approvals on the broker', () => seen.length >= 2);
      // Each version is its own subject (key), so the two may arrive from different partitions in either order;
      // consumers order them by approvedAt.
      const [first, second] = seen
        .map((value) => envelopeSchema.parse(value))
        .sort((a, b) => (a.data as { version: number }).version - (b.data as { version: number }).version);
      expect(first).toMatchObject({ type: 'isms.scope.approved', subjectId: v1.id, actor: executive.sub, data: { id: v1.id, version: 1, inScopeUnitIds: [unitId], supersededId: null } });
      expect(second).toMatchObject({ subjectId: v2.id, data: { version: 2, inScopeUnitIds: [unitId, otherUnitId], supersededId: v1.id } });
    } finally {
      await consumer.disconnect();
    }
  });


  it('locks a submission, returns it to draft only with a reason, and never lets its author approve it', async () => {
    const admin = testClaims([Role.Admin]);
    const { createIsmsScopeDraft: draft } = await service.ok<{ createIsmsScopeDraft: Scope }>(`mutation { createIsmsScopeDraft { id version } }`, {}, admin);
    await service.ok(UPDATE_SCOPE, { input: { id: draft.id, statement: 'Card payments and their corporate support functions', inScopeUnitIds: [unitId] } }, admin);
    const submitted = await service.ok<{ submitIsmsScopeForApproval: { status: string; submittedByName: string; submittedAt: string } }>(
      `mutation { submitIsmsScopeForApproval(id: "${draft.id}") { status submittedByName submittedAt } }`,
      {},
      admin,
    );
    expect(submitted.submitIsmsScopeForApproval).toMatchObject({ status: 'SUBMITTED', submittedByName: admin.name });

    const locked = await service.request(UPDATE_SCOPE, { input: { id: draft.id, statement: 'Changed while waiting' } });
    expect(locked.errors?.[0]).toMatchObject({ message: `scope version ${draft.version} is waiting for approval; only a draft can be changed or submitted`, extensions: { code: 'NOT_A_DRAFT' } });
    const another = await service.request(`mutation { createIsmsScopeDraft { id } }`);
    expect(another.errors?.[0]).toMatchObject({ message: expect.stringContaining('is waiting for approval by top management'), extensions: { code: 'DRAFT_EXISTS' } });

    // The admin is top management too, but drafted and submitted this version: someone else must approve it.
    const own = await service.request(`mutation { approveIsmsScope(id: "${draft.id}") { id } }`, {}, admin);
    expect(own.errors?.[0]).toMatchObject({ extensions: { code: 'SELF_APPROVAL', category: 'FORBIDDEN' } });
    expect(own.errors?.[0]?.message).toMatch(/someone else in top management must approve it/);

    const silent = await service.request(`mutation { returnIsmsScopeToDraft(id: "${draft.id}", comment: "  ") { id } }`, {}, executive);
    expect(silent.errors?.[0]).toMatchObject({ extensions: { code: 'RETURN_COMMENT_REQUIRED', category: 'BAD_USER_INPUT', details: { field: 'comment' } } });
    const employeeReturn = await service.request(`mutation { returnIsmsScopeToDraft(id: "${draft.id}", comment: "no") { id } }`, {}, testClaims([Role.Employee]));
    expect(employeeReturn.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const returned = await service.ok<{ returnIsmsScopeToDraft: { status: string; returnComment: string } }>(
      `mutation { returnIsmsScopeToDraft(id: "${draft.id}", comment: "Name the data centre in the statement") { status returnComment } }`,
      {},
      executive,
    );
    expect(returned.returnIsmsScopeToDraft).toEqual({ status: 'DRAFT', returnComment: 'Name the data centre in the statement' });
    await service.ok(UPDATE_SCOPE, { input: { id: draft.id, statement: 'Card payments run from the London data centre' } });
    const again = await service.ok<{ submitIsmsScopeForApproval: { returnComment: string | null } }>(`mutation { submitIsmsScopeForApproval(id: "${draft.id}") { returnComment } }`);
    expect(again.submitIsmsScopeForApproval.returnComment).toBeNull();
    const approved = await service.ok<{ approveIsmsScope: { status: string; statement: string } }>(`mutation { approveIsmsScope(id: "${draft.id}") { status statement } }`, {}, executive);
    expect(approved.approveIsmsScope).toEqual({ status: 'APPROVED', statement: 'Card payments run from the London data centre' });
  });
  it('keeps the context register and lists what is due for review', async () => {
    const party = (
      await service.ok<{ createInterestedParty: { id: string } }>(
        `mutation { createInterestedParty(input: { name: "Financial Conduct Authority", requirements: ["Operational resilience", "Incident reporting"], reviewDate: "2025-06-30" }) { id } }`,
      )
    ).createInterestedParty.id;
    await service.ok(`mutation { createContextIssue(input: { title: "Cloud migration", category: INTERNAL, impact: "New suppliers in scope", unitId: "${unitId}", reviewDate: "2025-03-01" }) { id } }`);
    await service.ok(`mutation { createContextIssue(input: { title: "Ransomware trend", category: EXTERNAL, reviewDate: "2026-12-01" }) { id } }`);
    await service.ok(
      `mutation { createObligation(input: { title: "DORA", kind: REGULATORY, source: "EU 2022/2554", ownerId: "${ceoId}", reviewDate: "2025-05-01", interestedPartyId: "${party}" }) { id } }`,
    );

    const before = { obligations: await count('obligation'), issues: await count('context_issue') };
    const badDate = await service.request(`mutation { createContextIssue(input: { title: "X", category: INTERNAL, reviewDate: "2025-02-30" }) { id } }`);
    expect(badDate.errors?.[0]).toMatchObject({ message: 'invalid input: reviewDate: reviewDate must be a calendar date written YYYY-MM-DD', extensions: { code: 'VALIDATION_FAILED' } });
    const unknownOwner = await service.request(`mutation { createObligation(input: { title: "GDPR", kind: LEGAL, source: "EU", ownerId: "7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11" }) { id } }`);
    expect(unknownOwner.errors?.[0]).toMatchObject({ message: 'owner 7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11 is not a person of this organisation', extensions: { code: 'OWNER_NOT_FOUND' } });
    const duplicateParty = await service.request(`mutation { createInterestedParty(input: { name: "financial conduct authority" }) { id } }`);
    expect(duplicateParty.errors?.[0]?.extensions).toMatchObject({ code: 'PARTY_NAME_TAKEN' });
    const denied = await service.request(`mutation { createContextIssue(input: { title: "X", category: INTERNAL }) { id } }`, {}, testClaims([Role.RiskOwner]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect({ obligations: await count('obligation'), issues: await count('context_issue') }).toEqual(before);

    const due = await service.ok<{ contextReviewsDue: { issues: { title: string; unit: { name: string } }[]; interestedParties: { name: string }[]; obligations: { title: string; owner: { email: string } }[] } }>(
      `{ contextReviewsDue(before: "2025-07-01") { issues { title unit { name } } interestedParties { name } obligations { title owner { email } } } }`,
      {},
      testClaims([Role.InternalAuditor]),
    );
    expect(due.contextReviewsDue).toEqual({
      issues: [{ title: 'Cloud migration', unit: { name: 'Payments' } }],
      interestedParties: [{ name: 'Financial Conduct Authority' }],
      obligations: [{ title: 'DORA', owner: { email: 'ceo@bank.test' } }],
    });
    const { obligations } = await service.ok<{ obligations: { title: string; interestedPartyId: string | null; interestedParty: { name: string } | null }[] }>(
      '{ obligations { title interestedPartyId interestedParty { name } } }',
      {},
      testClaims([Role.InternalAuditor]),
    );
    expect(obligations).toEqual([{ title: 'DORA', interestedPartyId: party, interestedParty: { name: 'Financial Conduct Authority' } }]);
  });

  it('tracks objectives against their target with the history of measurements', async () => {
    const created = await service.ok<{ createObjective: { id: string; status: string } }>(
      `mutation { createObjective(input: { title: "Phishing resilience", metric: "simulation click rate", targetValue: 5, unit: "%", direction: LOWER_IS_BETTER, ownerId: "${ceoId}", dueDate: "2026-12-31" }) { id status } }`,
    );
    const id = created.createObjective.id;
    const record = (value: number, measuredAt: string) => service.request(`mutation { recordObjectiveMeasurement(input: { objectiveId: "${id}", value: ${value}, measuredAt: "${measuredAt}" }) { id } }`);
    const query = `{ objective(id: "${id}") { status targetMet latestMeasurement { value } history { value } owner { email } } }`;
    expect((await service.ok<{ objective: { targetMet: boolean | null } }>(query)).objective.targetMet).toBeNull();

    expect((await record(12, '2025-01-31T00:00:00Z')).errors).toBeUndefined();
    expect((await record(4, '2025-03-31T00:00:00Z')).errors).toBeUndefined();
    expect((await record(8, '2025-02-28T00:00:00Z')).errors).toBeUndefined(); // recorded late, measured earlier
    const objective = (await service.ok<{ objective: unknown }>(query)).objective;
    expect(objective).toEqual({ status: 'IN_PROGRESS', targetMet: true, latestMeasurement: { value: 4 }, history: [{ value: 12 }, { value: 8 }, { value: 4 }], owner: { email: 'ceo@bank.test' } });

    const before = await count('objective_measurement');
    const future = await record(1, '2999-01-01T00:00:00Z');
    expect(future.errors?.[0]).toMatchObject({ message: 'measuredAt 2999-01-01T00:00:00.000Z is in the future', extensions: { code: 'MEASUREMENT_IN_FUTURE' } });
    const denied = await service.request(`mutation { recordObjectiveMeasurement(input: { objectiveId: "${id}", value: 1, measuredAt: "2025-04-01T00:00:00Z" }) { id } }`, {}, testClaims([Role.ControlOwner]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('objective_measurement')).toBe(before);

    const list = await service.ok<{ objectives: { title: string; targetMet: boolean }[] }>(`{ objectives { title targetMet } }`);
    expect(list.objectives).toEqual([{ title: 'Phishing resilience', targetMet: true }]);
  });

  it('starts the certification plan with eight phases, tracks tasks, progress and overdue work, and records management commitment', async () => {
    const { startCertificationProject } = await service.ok<{ startCertificationProject: { phases: { id: string; key: string }[]; progress: { total: number } } }>(
      `mutation { startCertificationProject { phases { id key } progress { total } } }`,
    );
    expect(startCertificationProject.phases.map((p) => p.key)).toEqual(['PLAN', 'SCOPE', 'RISK_AND_GAP', 'POLICIES_AND_CONTROLS', 'TRAINING', 'EVIDENCE', 'CERTIFICATION_AUDIT', 'CONTINUOUS_COMPLIANCE']);
    const again = await service.request(`mutation { startCertificationProject { id } }`);
    expect(again.errors?.[0]).toMatchObject({ message: 'the certification project has already been started', extensions: { code: 'PROJECT_EXISTS' } });

    const [plan, scope] = startCertificationProject.phases as unknown as [{ id: string }, { id: string }];
    const task = async (phaseId: string, title: string, dueDate: string) =>
      (await service.ok<{ addCertificationTask: { id: string } }>(`mutation { addCertificationTask(input: { phaseId: "${phaseId}", title: "${title}", ownerId: "${ceoId}", dueDate: "${dueDate}" }) { id } }`))
        .addCertificationTask.id;
    const appoint = await task(plan.id, 'Appoint the ISMS manager', '2020-01-31');
    await task(plan.id, 'Approve the budget', '2020-02-28');
    await task(scope.id, 'Draft the scope statement', '2999-01-01');
    await service.ok(`mutation { updateCertificationTask(input: { id: "${appoint}", status: DONE }) { id } }`);

    const before = await count('certification_task');
    const noPhase = await service.request(`mutation { addCertificationTask(input: { phaseId: "7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11", title: "X" }) { id } }`);
    expect(noPhase.errors?.[0]?.extensions).toMatchObject({ code: 'PHASE_NOT_FOUND' });
    expect(await count('certification_task')).toBe(before);

    const project = await service.ok<{ certificationProject: { progress: unknown; phases: { key: string; progress: unknown; tasks: { title: string; overdue: boolean; owner: { email: string } }[] }[] } }>(
      `{ certificationProject { progress { done total percent } phases { key progress { done total percent } tasks { title overdue owner { email } } } } }`,
    );
    expect(project.certificationProject.progress).toEqual({ done: 1, total: 3, percent: 33 });
    expect(project.certificationProject.phases[0]).toMatchObject({ key: 'PLAN', progress: { done: 1, total: 2, percent: 50 } });
    expect(project.certificationProject.phases[0]?.tasks).toContainEqual({ title: 'Approve the budget', overdue: true, owner: { email: 'ceo@bank.test' } });
    const overdue = await service.ok<{ overdueCertificationTasks: { title: string }[] }>(`{ overdueCertificationTasks { title } }`);
    expect(overdue.overdueCertificationTasks).toEqual([{ title: 'Approve the budget' }]);
    const overdueLater = await service.ok<{ overdueCertificationTasks: { title: string }[] }>(`{ overdueCertificationTasks(asOf: "2020-02-01") { title } }`);
    expect(overdueLater.overdueCertificationTasks).toEqual([]);

    const commitment = `mutation($input: RecordManagementCommitmentInput!) { recordManagementCommitment(input: $input) { decision decidedOn recordedBySub recordedByName sponsor { email } } }`;
    const input = { sponsorPersonId: ceoId, decision: 'The board commits to ISO 27001 certification of card payments by Q4.', decidedOn: '2025-01-15' };
    const commitmentsBefore = await count('management_commitment');
    const byManager = await service.request(commitment, { input });
    expect(byManager.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const future = await service.request(commitment, { input: { ...input, decidedOn: '2999-01-01' } }, executive);
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'DECIDED_IN_FUTURE' } });
    expect(await count('management_commitment')).toBe(commitmentsBefore);
    const recorded = await service.ok<{ recordManagementCommitment: unknown }>(commitment, { input }, executive);
    expect(recorded.recordManagementCommitment).toEqual({ decision: input.decision, decidedOn: input.decidedOn, recordedBySub: executive.sub, recordedByName: 'Chief Executive', sponsor: { email: 'ceo@bank.test' } });
  });
});
