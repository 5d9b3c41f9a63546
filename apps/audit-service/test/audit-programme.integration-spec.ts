import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { OrgUnitUpserted, PersonUpserted, SoaVersionPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const PLAN = `mutation($input: PlanEngagementInput!) { planEngagement(input: $input) { id leadAuditor leadAuditorPersonId unitIds clauses controlIds teamPersonIds } }`;
const PROGRAMME = `query($from: String, $to: String) { internalAuditProgramme(from: $from, to: $to) { from to soaVersion clausesCovered controlsCovered clauses { clause covered engagementIds } controls { controlId title covered engagementIds } } }`;

interface Programme {
  soaVersion: number | null;
  clausesCovered: number;
  controlsCovered: number;
  clauses: { clause: string; covered: boolean; engagementIds: string[] }[];
  controls: { controlId: string; title: string; covered: boolean; engagementIds: string[] }[];
}

describe('audit-service: the internal audit programme (clause 9.2)', () => {
  const prefix = uniqueTopicPrefix('programme');
  let service: TestSubgraph<AuditConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager]);
  const auditUnit = randomUUID();
  const itOps = randomUUID();
  const serviceDesk = randomUUID();
  const ines = { id: randomUUID(), email: 'ines@bank.example', name: 'Ines Alvarez', unitId: auditUnit };
  const sam = { id: randomUUID(), email: 'sam@bank.example', name: 'Sam Desk', unitId: serviceDesk };
  const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

  const engagementRows = async () => (await service.deps.dataSource.query('SELECT unit_ids, clauses, control_ids, team_person_ids, lead_auditor FROM engagement ORDER BY id')) as unknown[];

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'programme-test');
    await events.publishAs(OrgUnitUpserted, { id: auditUnit, name: 'Internal Audit', kind: 'DEPARTMENT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: itOps, name: 'IT Operations', kind: 'DEPARTMENT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: serviceDesk, name: 'Service desk', kind: 'TEAM', parentId: itOps });
    for (const person of [ines, sam]) await events.publishAs(PersonUpserted, { ...person, jobRole: null, managerId: null, active: true });
    await events.publishAs(SoaVersionPublished, { number: 2, note: 'v2', scopeId: randomUUID(), scopeVersion: 1, approvedBy: 'ceo', approvedAt: new Date().toISOString(), applicableControlIds: ['A.8.13', 'A.5.1'] }, { subjectId: TEST_ORGANISATION_ID });
    // An older version arriving late changes nothing.
    const late = await events.publishAs(SoaVersionPublished, { number: 1, note: 'v1', scopeId: randomUUID(), scopeVersion: 1, approvedBy: 'ceo', approvedAt: new Date(Date.now() - 86_400_000).toISOString(), applicableControlIds: ['A.5.15'] }, { subjectId: TEST_ORGANISATION_ID });
    await eventually('replicas filled', async () => {
      const [row] = await service.deps.dataSource.query(
        'SELECT (SELECT count(*)::int FROM person_replica) AS people, (SELECT count(*)::int FROM unit_replica) AS units, (SELECT count(*)::int FROM consumed_event WHERE event_id = $1) AS late',
        [late.id],
      );
      return row.people === 2 && row.units === 3 && row.late === 1 ? true : undefined;
    });
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('plans what an internal audit covers and who audits it, refusing auditors of their own unit and criteria outside the standard, writing nothing', async () => {
    const id = (await service.ok<{ createEngagement: { id: string } }>(ENGAGEMENT, { input: { type: 'INTERNAL', title: 'IT operations audit', startsOn: inTwoMonths, endsOn: inTwoMonths, leadAuditor: 'tbd' } }, manager)).createEngagement.id;
    const plan = { id, unitIds: [itOps], clauses: ['4', '5', '9.2'], controlIds: ['a.8.13'], leadAuditorPersonId: ines.id, teamPersonIds: [] as string[] };
    const before = await engagementRows();
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ ...plan, teamPersonIds: [sam.id] }, 'INDEPENDENCE_CONFLICT', /nobody audits their own unit: Sam Desk works in a unit this audit covers/],
      [{ ...plan, clauses: ['11', '6.9'] }, 'AUDIT_CRITERIA_INVALID', /clause 11, clause 6\.9/],
      [{ ...plan, controlIds: ['A.9.1'] }, 'AUDIT_CRITERIA_INVALID', /control A\.9\.1/],
      [{ ...plan, unitIds: [randomUUID()] }, 'AUDIT_UNIT_UNKNOWN', /unknown units/],
      [{ ...plan, leadAuditorPersonId: randomUUID() }, 'AUDITOR_UNKNOWN', /not active people/],
    ];
    for (const [input, code, message] of refusals) {
      const refused = await service.request(PLAN, { input }, manager);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code }, message: expect.stringMatching(message) });
    }
    expect((await service.request(PLAN, { input: plan }, testClaims([Role.InternalAuditor]))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await engagementRows()).toEqual(before);

    const { planEngagement } = await service.ok<{ planEngagement: Record<string, unknown> }>(PLAN, { input: plan }, manager);
    expect(planEngagement).toEqual({ id, leadAuditor: 'Ines Alvarez', leadAuditorPersonId: ines.id, unitIds: [itOps], clauses: ['4', '5', '9.2'], controlIds: ['A.8.13'], teamPersonIds: [] });

    // Coverage: clauses 4 and 5 and 9.2 and control A.8.13 of the two the published SoA makes applicable.
    const { internalAuditProgramme: programme } = await service.ok<{ internalAuditProgramme: Programme }>(PROGRAMME, {}, testClaims([Role.InternalAuditor]));
    expect(programme.soaVersion).toBe(2);
    const covered = programme.clauses.filter((row) => row.covered).map((row) => row.clause);
    expect(covered).toEqual(['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '9.2']);
    expect(programme.clausesCovered).toBe(8);
    expect(programme.clauses.find((row) => row.clause === '6.1')).toEqual({ clause: '6.1', covered: false, engagementIds: [] });
    expect(programme.controls).toEqual([
      { controlId: 'A.5.1', title: 'Policies for information security', covered: false, engagementIds: [] },
      { controlId: 'A.8.13', title: 'Information backup', covered: true, engagementIds: [id] },
    ]);
    expect(programme.controlsCovered).toBe(1);
    // Outside the period, nothing is covered; an external auditor has no programme to read.
    const { internalAuditProgramme: past } = await service.ok<{ internalAuditProgramme: Programme }>(PROGRAMME, { from: '2020-01-01', to: '2020-12-31' }, manager);
    expect(past.clausesCovered).toBe(0);
    expect((await service.request(PROGRAMME, {}, testClaims([Role.ExternalAuditor], { engagementId: id }))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
