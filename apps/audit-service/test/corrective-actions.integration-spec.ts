import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { PersonUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const CREATE_ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const ACTION_FIELDS = 'id status dueOn overdue correction rootCause actionPlan completionNote effectivenessNote owner { id } evidence { id } finding { id severity controlId description }';
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { id status severity correctiveAction { ${ACTION_FIELDS} } } }`;
const PLAN = `mutation($input: PlanCorrectiveActionInput!) { planCorrectiveAction(input: $input) { ${ACTION_FIELDS} } }`;
const IMPLEMENT = `mutation($input: ImplementCorrectiveActionInput!) { implementCorrectiveAction(input: $input) { ${ACTION_FIELDS} } }`;
const CHECK = `mutation($input: CheckCorrectiveActionInput!) { checkCorrectiveActionEffectiveness(input: $input) { ${ACTION_FIELDS} } }`;
const CLOSE = `mutation($input: CloseFindingInput!) { closeFinding(input: $input) { id status closedAt closureComment } }`;
const MINE = `{ myCorrectiveActions { id status finding { description } } }`;
const ONE = `query($id: ID!) { correctiveAction(id: $id) { id status } }`;
const ALL = `query($overdue: Boolean) { correctiveActions(overdue: $overdue) { id status } }`;

interface Action {
  id: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  owner: { id: string } | null;
  evidence: { id: string }[];
  finding: { id: string; severity: string; controlId: string | null; description: string };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('audit-service: corrective actions and the closure of findings (flow 5)', () => {
  const prefix = uniqueTopicPrefix('corrective');
  let service: TestSubgraph<AuditConfig>;
  let events: TestEventPublisher;
  let engagementId: string;
  const olivia = { id: randomUUID(), email: 'olivia.owner@bank.example', name: 'Olivia Owner' };
  const ian = { id: randomUUID(), email: 'ian.auditor@bank.example', name: 'Ian Auditor' };
  const ivy = { id: randomUUID(), email: 'ivy.auditor@bank.example', name: 'Ivy Auditor' };
  const asOlivia = testClaims([Role.Employee], { email: olivia.email, name: olivia.name });
  const asColleague = testClaims([Role.Employee], { email: 'colleague@bank.example' });
  const asIan = testClaims([Role.InternalAuditor], { email: ian.email, name: ian.name });
  const asIvy = testClaims([Role.InternalAuditor], { email: ivy.email, name: ivy.name });
  const manager = testClaims([Role.IsmsManager]);

  const counts = async () => {
    const [row] = await service.deps.dataSource.query(
      `SELECT (SELECT count(*) FROM finding)::int AS findings, (SELECT count(*) FROM corrective_action)::int AS actions, (SELECT count(*) FROM outbox_event)::int AS events,
              (SELECT string_agg(status || ':' || coalesce(correction, '') || ':' || cardinality(evidence_ids), ',' ORDER BY id) FROM corrective_action) AS states`,
    );
    return row as { findings: number; actions: number; events: number; states: string | null };
  };
  const raise = async (input: Record<string, unknown>, claims: Claims = asIan) =>
    (await service.ok<{ raiseFinding: { id: string; correctiveAction: Action | null } }>(RAISE, { input: { engagementId, ...input } }, claims)).raiseFinding;
  const refused = async (query: string, input: Record<string, unknown>, claims: Claims, code: string, message?: RegExp) => {
    const before = await counts();
    const result = await service.request(query, { input }, claims);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code } });
    if (message) expect(result.errors?.[0]?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  };
  const outbox = async (type: string, subjectId: string) =>
    (await service.deps.dataSource.query('SELECT envelope FROM outbox_event WHERE type = $1 AND envelope->>\'subjectId\' = $2 ORDER BY seq', [type, subjectId])).map(
      (row: { envelope: { data: Record<string, unknown> } }) => row.envelope.data,
    );

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'corrective-test');
    for (const person of [olivia, ian, ivy]) await events.publishAs(PersonUpserted, { ...person, unitId: null, jobRole: null, managerId: null, active: true });
    await eventually('people replicated', async () => ((await service.deps.dataSource.query('SELECT count(*)::int AS n FROM person_replica'))[0].n === 3 ? true : undefined));
    engagementId = (
      await service.ok<{ createEngagement: { id: string } }>(CREATE_ENGAGEMENT, {
        input: { type: 'INTERNAL', title: 'Internal audit of backups', startsOn: day(0), endsOn: day(2), leadAuditor: 'Ian Auditor' },
      })
    ).createEngagement.id;
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('opens a corrective action with each nonconformity (none for an observation), notifies its owner, and refuses bad owners or dates writing nothing', async () => {
    const minor = await raise({ controlId: 'A.8.13', severity: 'MINOR_NONCONFORMITY', description: 'Restores are not tested', correctiveActionOwnerId: olivia.id });
    expect(minor.correctiveAction).toMatchObject({ status: 'OPEN', dueOn: day(90), overdue: false, owner: { id: olivia.id }, evidence: [], finding: { id: minor.id, severity: 'MINOR_NONCONFORMITY', controlId: 'A.8.13' } });
    const major = await raise({ clause: '9.2', severity: 'MAJOR_NONCONFORMITY', description: 'No internal audit programme' });
    expect(major.correctiveAction).toMatchObject({ status: 'OPEN', dueOn: day(30), owner: null });
    const observation = await raise({ controlId: 'A.5.1', severity: 'OBSERVATION', description: 'Policy wording could be clearer' });
    expect(observation.correctiveAction).toBeNull();

    expect(await outbox('audit.corrective-action.changed', minor.correctiveAction!.id)).toEqual([
      { id: minor.correctiveAction!.id, findingId: minor.id, controlId: 'A.8.13', ownerId: olivia.id, status: 'OPEN', dueOn: day(90), evidenceIds: [] },
    ]);
    expect(await outbox('notification.requested', minor.correctiveAction!.id)).toEqual([
      expect.objectContaining({ recipientPersonId: olivia.id, kind: 'CORRECTIVE_ACTION_ASSIGNED', dueDate: day(90), dedupeKey: `corrective-action:${minor.correctiveAction!.id}:assigned:${olivia.id}` }),
    ]);

    // The finding and its action are one write: a bad owner or due date leaves neither.
    await refused(RAISE, { engagementId, controlId: 'A.8.13', severity: 'MINOR_NONCONFORMITY', description: 'x', correctiveActionOwnerId: randomUUID() }, asIan, 'OWNER_NOT_FOUND', /not an active person/);
    await refused(RAISE, { engagementId, controlId: 'A.8.13', severity: 'MINOR_NONCONFORMITY', description: 'x', correctiveActionDueOn: day(-1) }, asIan, 'DUE_DATE_INVALID', /in the past/);
    await refused(RAISE, { engagementId, controlId: 'A.8.13', severity: 'MINOR_NONCONFORMITY', description: 'x', correctiveActionDueOn: '2026-02-30' }, asIan, 'VALIDATION_FAILED');
  });

  it('takes an action from plan to implementation by its owner, an ineffective check back to planning, and closes the finding only after an independent effective check', async () => {
    const finding = await raise({ controlId: 'A.8.15', severity: 'MINOR_NONCONFORMITY', description: 'Access logs are kept 7 days only', correctiveActionOwnerId: olivia.id });
    const actionId = finding.correctiveAction!.id;
    const plan = { correctiveActionId: actionId, correction: 'Retention raised to 90 days', rootCause: 'Default SIEM retention never reviewed', actionPlan: 'Review retention of every log source quarterly' };

    // Out of order, by the wrong people, or incomplete: refused, nothing written.
    await refused(CLOSE, { findingId: finding.id, comment: 'done' }, asIvy, 'CORRECTIVE_ACTION_NOT_EFFECTIVE', /it is open/);
    await refused(IMPLEMENT, { correctiveActionId: actionId, completionNote: 'done', evidenceIds: [randomUUID()] }, asOlivia, 'CORRECTIVE_ACTION_STEP_INVALID', /plan it/);
    await refused(PLAN, plan, asColleague, 'NOT_ACTION_OWNER', /only the owner/);
    await refused(PLAN, { ...plan, dueOn: day(200) }, asOlivia, 'NOT_ACTION_OWNER', /only an ISMS manager can change/);
    await refused(PLAN, { ...plan, rootCause: '' }, asOlivia, 'VALIDATION_FAILED', /rootCause/);
    await refused(CHECK, { correctiveActionId: actionId, effective: true, note: 'fine' }, manager, 'FORBIDDEN');

    const planned = (await service.ok<{ planCorrectiveAction: Action }>(PLAN, { input: plan }, asOlivia)).planCorrectiveAction;
    expect(planned).toMatchObject({ status: 'PLANNED', correction: 'Retention raised to 90 days' });
    await refused(IMPLEMENT, { correctiveActionId: actionId, completionNote: 'done', evidenceIds: [] }, asOlivia, 'VALIDATION_FAILED', /at least one evidence item/);
    await refused(CHECK, { correctiveActionId: actionId, effective: true, note: 'fine' }, asIvy, 'CORRECTIVE_ACTION_STEP_INVALID', /only an implemented action/);
    const evidence = randomUUID();
    const implemented = (await service.ok<{ implementCorrectiveAction: Action }>(IMPLEMENT, { input: { correctiveActionId: actionId, completionNote: 'SIEM retention set', evidenceIds: [evidence, evidence.toUpperCase()] } }, asOlivia)).implementCorrectiveAction;
    expect(implemented).toMatchObject({ status: 'IMPLEMENTED', evidence: [{ id: evidence }] });
    await refused(PLAN, plan, asOlivia, 'CORRECTIVE_ACTION_STEP_INVALID', /awaits its effectiveness check/);

    // Not effective: back to its owner (notified), who plans and implements again.
    const ineffective = (await service.ok<{ checkCorrectiveActionEffectiveness: Action }>(CHECK, { input: { correctiveActionId: actionId, effective: false, note: 'Two sources still keep 7 days' } }, asIvy)).checkCorrectiveActionEffectiveness;
    expect(ineffective).toMatchObject({ status: 'NOT_EFFECTIVE', effectivenessNote: 'Two sources still keep 7 days' });
    expect((await outbox('notification.requested', actionId)).map((n: Record<string, unknown>) => n['kind'])).toEqual(['CORRECTIVE_ACTION_ASSIGNED', 'CORRECTIVE_ACTION_NOT_EFFECTIVE']);
    await refused(CLOSE, { findingId: finding.id, comment: 'done' }, asIvy, 'CORRECTIVE_ACTION_NOT_EFFECTIVE', /not effective/);
    await service.ok(PLAN, { input: { ...plan, actionPlan: 'Retention set per source by a checked template' } }, asOlivia);
    await service.ok(IMPLEMENT, { input: { correctiveActionId: actionId, completionNote: 'Template applied to all 14 sources', evidenceIds: [evidence] } }, asOlivia);
    const effective = (await service.ok<{ checkCorrectiveActionEffectiveness: Action }>(CHECK, { input: { correctiveActionId: actionId, effective: true, note: 'All 14 sources keep 90 days' } }, asIvy)).checkCorrectiveActionEffectiveness;
    expect(effective.status).toBe('EFFECTIVE');

    // The owner's own list, and nobody else's view of it.
    expect((await service.ok<{ myCorrectiveActions: { id: string }[] }>(MINE, {}, asOlivia)).myCorrectiveActions.map((a) => a.id)).toContain(actionId);
    expect((await service.ok<{ myCorrectiveActions: { id: string }[] }>(MINE, {}, asColleague)).myCorrectiveActions).toEqual([]);
    expect((await service.request(ONE, { id: actionId }, asColleague)).errors?.[0]?.extensions).toMatchObject({ code: 'CORRECTIVE_ACTION_NOT_FOUND' });
    expect((await service.ok<{ correctiveAction: { status: string } }>(ONE, { id: actionId }, asOlivia)).correctiveAction.status).toBe('EFFECTIVE');

    const closed = (await service.ok<{ closeFinding: { status: string; closedAt: string; closureComment: string } }>(CLOSE, { input: { findingId: finding.id, comment: 'Verified on site' } }, asIvy)).closeFinding;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String), closureComment: 'Verified on site' });
    expect(await outbox('audit.finding.changed', finding.id)).toEqual([
      { id: finding.id, engagementId, controlId: 'A.8.15', clause: null, severity: 'MINOR_NONCONFORMITY', status: 'CLOSED', closedAt: closed.closedAt },
    ]);
    await refused(CLOSE, { findingId: finding.id, comment: 'again' }, asIvy, 'FINDING_ALREADY_CLOSED');
    await refused(PLAN, plan, asOlivia, 'FINDING_ALREADY_CLOSED');
  });

  it('keeps judges independent: whoever owns, planned or implemented an action may not check it or close its finding', async () => {
    const finding = await raise({ controlId: 'A.5.35', severity: 'MAJOR_NONCONFORMITY', description: 'No independent review of security', correctiveActionOwnerId: ian.id }, asIvy);
    const actionId = finding.correctiveAction!.id;
    await service.ok(PLAN, { input: { correctiveActionId: actionId, correction: 'Review booked', rootCause: 'No owner', actionPlan: 'Yearly review by an outside firm' } }, asIan);
    await service.ok(IMPLEMENT, { input: { correctiveActionId: actionId, completionNote: 'Review done', evidenceIds: [randomUUID()] } }, manager);
    // Ian owns and planned it; the ISMS manager implemented it (and is no auditor anyway).
    await refused(CHECK, { correctiveActionId: actionId, effective: true, note: 'mine is fine' }, asIan, 'NOT_INDEPENDENT', /you own this corrective action/);
    const implementer = testClaims([Role.InternalAuditor], { sub: (await service.deps.dataSource.query('SELECT implemented_by FROM corrective_action WHERE id = $1', [actionId]))[0].implemented_by });
    await refused(CHECK, { correctiveActionId: actionId, effective: true, note: 'fine' }, implementer, 'NOT_INDEPENDENT', /you implemented/);
    await service.ok(CHECK, { input: { correctiveActionId: actionId, effective: true, note: 'Report reviewed' } }, asIvy);
    await refused(CLOSE, { findingId: finding.id, comment: 'closing my own' }, asIan, 'NOT_INDEPENDENT', /close the finding/);

    // An external auditor works only on the engagement of their grant.
    const other = testClaims([Role.ExternalAuditor], { engagementId: randomUUID(), grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await refused(CLOSE, { findingId: finding.id, comment: 'not mine' }, other, 'OUTSIDE_ENGAGEMENT_GRANT');
    const granted = testClaims([Role.ExternalAuditor], { engagementId, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await service.ok<{ closeFinding: { status: string } }>(CLOSE, { input: { findingId: finding.id, comment: 'Evidence sampled' } }, granted)).closeFinding.status).toBe('CLOSED');
    expect((await service.ok<{ correctiveActions: { id: string }[] }>(ALL, {}, other)).correctiveActions).toEqual([]);
    expect((await service.ok<{ correctiveActions: { id: string }[] }>(ALL, {}, granted)).correctiveActions.map((a) => a.id)).toContain(actionId);
  });

  it('an observation closes with a comment alone; overdue actions are listed as such', async () => {
    const observation = await raise({ controlId: 'A.5.10', severity: 'OBSERVATION', description: 'Acceptable use examples are dated' });
    expect((await service.ok<{ closeFinding: { status: string } }>(CLOSE, { input: { findingId: observation.id, comment: 'Noted for the next review' } }, asIvy)).closeFinding.status).toBe('CLOSED');
    const late = await raise({ controlId: 'A.8.7', severity: 'MINOR_NONCONFORMITY', description: 'Malware signatures out of date', correctiveActionOwnerId: olivia.id });
    await service.deps.dataSource.query("UPDATE corrective_action SET due_on = (now() AT TIME ZONE 'UTC')::date - 1 WHERE id = $1", [late.correctiveAction!.id]);
    const overdue = (await service.ok<{ correctiveActions: { id: string }[] }>(ALL, { overdue: true }, asIvy)).correctiveActions.map((a) => a.id);
    expect(overdue).toEqual([late.correctiveAction!.id]);
    expect((await service.ok<{ correctiveActions: { id: string }[] }>(ALL, { overdue: false }, asIvy)).correctiveActions.map((a) => a.id)).not.toContain(late.correctiveAction!.id);
  });
});
