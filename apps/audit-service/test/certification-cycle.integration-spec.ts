import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { PersonUpserted, ScopeApproved } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { CERTIFICATION_REMINDERS_JOB } from '../src/modules/certification/certification.events';
import { shiftDate } from '../src/modules/certification/certification.rules';
import { audit } from '../src/subgraph';

const CYCLE_FIELDS = 'id status scopeVersion certificateNumber issuedOn expiresOn surveillance1DueOn surveillance2DueOn recertificationDueOn recommendationBlockers stage1EngagementId stage2EngagementId';
const CREATE_CYCLE = `mutation($input: CreateCertificationCycleInput!) { createCertificationCycle(input: $input) { ${CYCLE_FIELDS} } }`;
const LINK = `mutation($input: LinkCycleEngagementInput!) { linkCycleEngagement(input: $input) { ${CYCLE_FIELDS} } }`;
const RECOMMEND = `mutation($input: RecommendCertificationInput!) { recommendCertification(input: $input) { ${CYCLE_FIELDS} } }`;
const CERTIFICATE = `mutation($input: RecordCertificateInput!) { recordCertificate(input: $input) { ${CYCLE_FIELDS} } }`;
const CYCLES = `{ certificationCycles { ${CYCLE_FIELDS} } }`;
const CALENDAR = `query($from: String!, $to: String!) { auditCalendar(from: $from, to: $to) { date kind title done cycleId engagementId } }`;
const ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const STATUS = `mutation($input: SetEngagementStatusInput!) { setEngagementStatus(input: $input) { id status } }`;
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { id correctiveAction { id } } }`;
const PLAN = `mutation($input: PlanCorrectiveActionInput!) { planCorrectiveAction(input: $input) { id status } }`;
const IMPLEMENT = `mutation($input: ImplementCorrectiveActionInput!) { implementCorrectiveAction(input: $input) { id status } }`;
const CHECK = `mutation($input: CheckCorrectiveActionInput!) { checkCorrectiveActionEffectiveness(input: $input) { id status } }`;
const CLOSE = `mutation($input: CloseFindingInput!) { closeFinding(input: $input) { id status } }`;

interface Cycle {
  id: string;
  status: string;
  scopeVersion: number;
  issuedOn: string | null;
  expiresOn: string | null;
  surveillance1DueOn: string | null;
  surveillance2DueOn: string | null;
  recertificationDueOn: string | null;
  recommendationBlockers: string[];
}

const today = () => new Date().toISOString().slice(0, 10);

describe('audit-service: the certification cycle, Stage 1 to recertification', () => {
  const prefix = uniqueTopicPrefix('certification');
  let service: TestSubgraph<AuditConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager]);
  const contact = { id: randomUUID(), email: 'programme.lead@bank.example', name: 'Pat Programme' };
  const owner = { id: randomUUID(), email: 'it.owner@bank.example', name: 'Ivo Owner' };
  const asOwner = testClaims([Role.ControlOwner], { email: owner.email });
  const internalAuditor = testClaims([Role.InternalAuditor], { email: 'ina.internal@bank.example' });

  const ok = <T>(query: string, input: Record<string, unknown>, claims: Claims = manager) => service.ok<T>(query, { input }, claims);
  const engagement = async (type: string, title: string) => (await ok<{ createEngagement: { id: string } }>(ENGAGEMENT, { type, title, startsOn: today(), endsOn: today(), leadAuditor: 'Olivia Brandt, CertBody' })).createEngagement.id;
  const close = (id: string) => ok(STATUS, { id, status: 'CLOSED' });
  const external = (engagementId: string) => testClaims([Role.ExternalAuditor], { email: 'olivia@certbody.example', engagementId, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  const cycleCount = async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM certification_cycle'))[0].count);
  const notifications = async () =>
    (await service.deps.dataSource.query("SELECT envelope->'data' AS data FROM outbox_event WHERE type = 'notification.requested' AND envelope->'data'->>'dedupeKey' LIKE 'certification:%' ORDER BY seq")).map(
      (row: { data: { kind: string; dedupeKey: string } }) => row.data,
    );

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'certification-test');
    for (const person of [contact, owner]) await events.publishAs(PersonUpserted, { ...person, unitId: null, jobRole: null, managerId: null, active: true });
    await eventually('people replicated', async () => ((await service.deps.dataSource.query('SELECT count(*)::int AS n FROM person_replica'))[0].n === 2 ? true : undefined));
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('runs a whole cycle: Stage 1, findings and corrective actions, Stage 2, the blocked and then given recommendation, the certificate, surveillance and recertification due', async () => {
    // Only the approved scope in force can be certified.
    const v1 = randomUUID();
    const v2 = randomUUID();
    await events.publishAs(ScopeApproved, { id: v1, version: 1, inScopeUnitIds: [], supersededId: null, approvedAt: new Date(Date.now() - 86_400_000).toISOString(), approvedBy: 'ceo' });
    const latest = await events.publishAs(ScopeApproved, { id: v2, version: 2, inScopeUnitIds: [], supersededId: v1, approvedAt: new Date().toISOString(), approvedBy: 'ceo' });
    await eventually('scopes replicated', async () => ((await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [latest.id])).length ? true : undefined));
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ certificationBody: 'CertBody Ltd', scopeId: v1 }, 'SCOPE_NOT_IN_FORCE', /superseded/],
      [{ certificationBody: 'CertBody Ltd', scopeId: randomUUID() }, 'SCOPE_NOT_IN_FORCE', /not an approved ISMS scope/],
      [{ certificationBody: 'CertBody Ltd', scopeId: v2, contactPersonId: randomUUID() }, 'CONTACT_NOT_FOUND', /not an active person/],
    ];
    for (const [input, code, message] of refusals) {
      const refused = await service.request(CREATE_CYCLE, { input }, manager);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code }, message: expect.stringMatching(message) });
    }
    expect((await service.request(CREATE_CYCLE, { input: { certificationBody: 'CertBody Ltd', scopeId: v2 } }, internalAuditor)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await cycleCount()).toBe(0);
    const cycle = (await ok<{ createCertificationCycle: Cycle }>(CREATE_CYCLE, { certificationBody: 'CertBody Ltd', scopeId: v2, contactPersonId: contact.id })).createCertificationCycle;
    expect(cycle).toMatchObject({ status: 'PLANNED', scopeVersion: 2, issuedOn: null, recommendationBlockers: [] });

    // Stage 1 (documentation review): a minor nonconformity with its corrective action planned.
    const stage1 = await engagement('STAGE_1', 'Stage 1: documentation review');
    const internal = await engagement('INTERNAL', 'Internal audit');
    expect((await service.request(LINK, { input: { cycleId: cycle.id, stage: 'STAGE_1', engagementId: internal } }, manager)).errors?.[0]).toMatchObject({ extensions: { code: 'ENGAGEMENT_TYPE_MISMATCH' } });
    expect((await service.request(LINK, { input: { cycleId: cycle.id, stage: 'SURVEILLANCE_1', engagementId: stage1 } }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'ENGAGEMENT_TYPE_MISMATCH' });
    await ok(LINK, { cycleId: cycle.id, stage: 'STAGE_1', engagementId: stage1 });
    const auditorStage1 = external(stage1);
    const minor = (await ok<{ raiseFinding: { id: string; correctiveAction: { id: string } } }>(RAISE, { engagementId: stage1, clause: '6.1.3', severity: 'MINOR_NONCONFORMITY', description: 'Risk treatment plan lacks owners', correctiveActionOwnerId: owner.id }, auditorStage1)).raiseFinding;

    // Stage 2 (operating effectiveness): a major nonconformity.
    const stage2 = await engagement('STAGE_2', 'Stage 2: operating effectiveness');
    const linked = (await ok<{ linkCycleEngagement: Cycle }>(LINK, { cycleId: cycle.id, stage: 'STAGE_2', engagementId: stage2 })).linkCycleEngagement;
    expect(linked.recommendationBlockers).toEqual([`minor nonconformity ${minor.id} has no accepted plan`]);
    const auditorStage2 = external(stage2);
    const major = (await ok<{ raiseFinding: { id: string; correctiveAction: { id: string } } }>(RAISE, { engagementId: stage2, controlId: 'A.8.13', severity: 'MAJOR_NONCONFORMITY', description: 'No backup restore was ever tested', correctiveActionOwnerId: owner.id }, auditorStage2)).raiseFinding;
    await close(stage1);
    await close(stage2);

    // The recommendation: refused in words while the major nonconformity is open; by no one but an auditor of Stage 2.
    const blocked = await service.request(RECOMMEND, { input: { cycleId: cycle.id, comment: 'Recommend' } }, auditorStage2);
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RECOMMENDATION_BLOCKED' }, message: expect.stringContaining(`major nonconformity ${major.id} is open`) });
    expect(blocked.errors?.[0]?.message).toContain(`minor nonconformity ${minor.id} has no accepted plan`);
    expect((await service.request(RECOMMEND, { input: { cycleId: cycle.id, comment: 'x' } }, auditorStage1)).errors?.[0]?.extensions).toMatchObject({ code: 'OUTSIDE_ENGAGEMENT_GRANT' });
    expect((await service.request(RECOMMEND, { input: { cycleId: cycle.id, comment: 'x' } }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    // Corrective actions: the minor planned; the major remedied, found effective by the Stage 2 auditor and closed.
    const plan = (id: string) => ({ correctiveActionId: id, correction: 'Done at once', rootCause: 'Never assigned', actionPlan: 'Assigned and scheduled' });
    await ok(PLAN, plan(minor.correctiveAction.id), asOwner);
    await ok(PLAN, plan(major.correctiveAction.id), asOwner);
    await ok(IMPLEMENT, { correctiveActionId: major.correctiveAction.id, completionNote: 'Restores tested monthly', evidenceIds: [randomUUID()] }, asOwner);
    await ok(CHECK, { correctiveActionId: major.correctiveAction.id, effective: true, note: 'Three restore reports sampled' }, auditorStage2);
    await ok(CLOSE, { findingId: major.id, comment: 'Effective' }, auditorStage2);

    const recommended = (await ok<{ recommendCertification: Cycle }>(RECOMMEND, { cycleId: cycle.id, comment: 'Recommended for certification' }, auditorStage2)).recommendCertification;
    expect(recommended).toMatchObject({ status: 'RECOMMENDED', recommendationBlockers: [] });

    // The certificate: three years; surveillance in years one and two; recertification 90 days before expiry.
    expect((await service.request(CERTIFICATE, { input: { cycleId: cycle.id, certificateNumber: 'IS 123456', issuedOn: shiftDate(today(), { days: 1 }) } }, manager)).errors?.[0]).toMatchObject({ extensions: { code: 'ISSUE_DATE_INVALID' }, message: expect.stringContaining('in the future') });
    const issuedOn = today();
    const certified = (await ok<{ recordCertificate: Cycle }>(CERTIFICATE, { cycleId: cycle.id, certificateNumber: 'IS 123456', issuedOn })).recordCertificate;
    const expiresOn = shiftDate(issuedOn, { years: 3, days: -1 });
    expect(certified).toMatchObject({
      status: 'CERTIFIED',
      issuedOn,
      expiresOn,
      surveillance1DueOn: shiftDate(issuedOn, { years: 1, days: -1 }),
      surveillance2DueOn: shiftDate(issuedOn, { years: 2, days: -1 }),
      recertificationDueOn: shiftDate(expiresOn, { days: -90 }),
    });
    expect((await service.request(CERTIFICATE, { input: { cycleId: cycle.id, certificateNumber: 'IS 999', issuedOn } }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'CERTIFICATION_STEP_INVALID' });
    expect((await service.request(LINK, { input: { cycleId: cycle.id, stage: 'STAGE_2', engagementId: await engagement('STAGE_2', 'Another Stage 2') } }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'CERTIFICATION_STEP_INVALID' });

    // The calendar holds the audits and every date the certificate set.
    const { auditCalendar } = await service.ok<{ auditCalendar: { date: string; kind: string; done: boolean }[] }>(CALENDAR, { from: today(), to: shiftDate(today(), { years: 4 }) }, internalAuditor);
    expect(auditCalendar.filter((entry) => entry.kind !== 'ENGAGEMENT').map((entry) => [entry.kind, entry.date, entry.done])).toEqual(
      expect.arrayContaining([
        ['STAGE_1', today(), true],
        ['STAGE_2', today(), true],
        ['SURVEILLANCE_1', certified.surveillance1DueOn, false],
        ['SURVEILLANCE_2', certified.surveillance2DueOn, false],
        ['RECERTIFICATION', certified.recertificationDueOn, false],
        ['EXPIRY', expiresOn, false],
      ]),
    );
    // An external auditor sees only their engagement's cycle; one of another engagement sees none.
    expect((await service.ok<{ certificationCycles: Cycle[] }>(CYCLES, {}, auditorStage2)).certificationCycles.map((c) => c.id)).toEqual([cycle.id]);
    expect((await service.ok<{ certificationCycles: Cycle[] }>(CYCLES, {}, external(internal))).certificationCycles).toEqual([]);

    // Surveillance due: a reminder 30 days ahead, once however often the job runs; overdue once it passed undone.
    const remind = async (day: string) => expect((await service.jobs!.runJobNow(CERTIFICATION_REMINDERS_JOB, { today: day })).state).toBe('completed');
    await remind(shiftDate(certified.surveillance1DueOn!, { days: -20 }));
    await remind(shiftDate(certified.surveillance1DueOn!, { days: -20 }));
    expect((await notifications()).map((n: { dedupeKey: string }) => n.dedupeKey)).toEqual([`certification:${cycle.id}:SURVEILLANCE_1:${certified.surveillance1DueOn}:in-30`]);
    await remind(shiftDate(certified.surveillance1DueOn!, { days: 1 }));
    expect((await notifications()).map((n: { kind: string; dedupeKey: string }) => [n.kind, n.dedupeKey.split(':').slice(2).join(':')])).toEqual([
      ['CERTIFICATION_SURVEILLANCE_1_DUE', `SURVEILLANCE_1:${certified.surveillance1DueOn}:in-30`],
      ['CERTIFICATION_SURVEILLANCE_1_DUE', `SURVEILLANCE_1:${certified.surveillance1DueOn}:overdue`],
    ]);
    // The surveillance audit held (its engagement closed): no more reminders for it. Recertification due next.
    const surveillance = await engagement('SURVEILLANCE', 'First surveillance audit');
    await ok(LINK, { cycleId: cycle.id, stage: 'SURVEILLANCE_1', engagementId: surveillance });
    await close(surveillance);
    const before = (await notifications()).length;
    await remind(shiftDate(certified.surveillance1DueOn!, { days: 2 }));
    expect((await notifications()).length).toBe(before);
    await remind(shiftDate(certified.recertificationDueOn!, { days: -5 }));
    const last = (await notifications()).slice(before).map((n: { kind: string }) => n.kind);
    expect(last).toEqual(['CERTIFICATION_SURVEILLANCE_2_DUE', 'CERTIFICATION_RECERTIFICATION_DUE']);
  });
});
