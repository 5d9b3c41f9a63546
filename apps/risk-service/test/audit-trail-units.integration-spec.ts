import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { verifyTrail } from '@iso27001/platform';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit } from './risk-test-kit';

const CREATE = 'mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }';
const REASSESS = 'mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id } }';
const ADD_ACTION = 'mutation($i: AddRiskActionInput!) { addRiskAction(input: $i) { id } }';
const RUN = 'mutation($t: String!) { startAssessmentRun(title: $t) { id } }';
const TRAIL = `query($recordId: String) { riskAuditTrail(recordId: $recordId, first: 200) {
  totalCount nodes { seq requestId operation action recordType recordId unitId after }
} }`;

interface TrailNode {
  seq: string;
  requestId: string;
  operation: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  unitId: string | null;
  after: string | null;
}

/**
 * Each trail row stores the unit of its record (a risk's own, an assessment's or action's through its risk), so an
 * external auditor reads only the rows of the grant's units: the records of another unit, of no unit, and the
 * operations that changed them stay hidden; organisation data auditors read (an assessment run) stays visible. The
 * chain still verifies with the units in it.
 */
describe("risk-service: the audit trail narrowed to an external auditor's units", () => {
  const kit = new RiskTestKit('trailunits');
  const manager = testClaims([Role.IsmsManager]);
  const payments = randomUUID();
  const treasury = randomUUID();
  const grant = { engagementId: randomUUID(), grantId: randomUUID(), grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString(), periodStart: '2020-01-01', periodEnd: '2099-12-31' };
  const auditor = testClaims([Role.ExternalAuditor], { ...grant, unitIds: [payments] });
  const ids: Record<string, string> = {};

  const trail = async (claims: ReturnType<typeof testClaims>, recordId?: string) =>
    (await kit.service.ok<{ riskAuditTrail: { totalCount: number; nodes: TrailNode[] } }>(TRAIL, { recordId }, claims)).riskAuditTrail;

  beforeAll(async () => {
    await kit.start();
    const create = async (title: string, unitId: string | null) =>
      (await kit.service.ok<{ createRisk: { id: string } }>(CREATE, { i: { title, inherentLikelihood: 3, inherentImpact: 3, unitId } }, manager)).createRisk.id;
    ids['payments'] = await create('Card skimming', payments);
    ids['treasury'] = await create('Wire fraud', treasury);
    ids['none'] = await create('Organisation-wide outage', null);
    for (const riskId of [ids['payments'], ids['treasury']]) {
      await kit.service.ok(REASSESS, { i: { riskId, kind: 'RESIDUAL', likelihood: 2, impact: 2 } }, manager);
      await kit.service.ok(ADD_ACTION, { i: { riskId, title: 'Review', dueOn: '2026-06-30' } }, manager);
    }
    ids['run'] = (await kit.service.ok<{ startAssessmentRun: { id: string } }>(RUN, { t: 'Q1 review' }, manager)).startAssessmentRun.id;
  });
  afterAll(() => kit.stop());

  it('stores the unit of every record row, through the risk for assessments and actions, and on the operation when its records share one', async () => {
    const all = await trail(testClaims([Role.Admin]));
    const records = all.nodes.filter((node) => node.action !== 'MUTATION');
    const unitOfRisk = new Map([[ids['payments'], payments], [ids['treasury'], treasury], [ids['none'], null]]);
    for (const node of records.filter((row) => row.recordType === 'risk')) expect(node.unitId).toBe(unitOfRisk.get(node.recordId ?? ''));
    const children = records.filter((row) => row.recordType === 'risk_assessment' || row.recordType === 'risk_action');
    expect(children.length).toBeGreaterThanOrEqual(7); // an inherent assessment per risk, a residual one and an action for two
    for (const row of children) {
      const riskId = (JSON.parse(row.after ?? '{}') as { riskId?: string }).riskId ?? '';
      expect([row.recordType, row.unitId]).toEqual([row.recordType, unitOfRisk.get(riskId)]);
    }
    const operations = all.nodes.filter((node) => node.action === 'MUTATION' && node.operation === 'reassessRisk');
    expect(new Set(operations.map((row) => row.unitId))).toEqual(new Set([payments, treasury]));
    const [chain] = await verifyTrail((sql, parameters) => kit.service.deps.dataSource.query(sql, parameters));
    expect(chain?.broken).toBeNull();
    expect(chain?.rows).toBe(all.totalCount);
  });

  it("gives the auditor only the rows of the grant's units and of organisation data they read, with the operations behind them", async () => {
    const seen = await trail(auditor);
    expect(seen.totalCount).toBe(seen.nodes.length);
    expect(seen.nodes.length).toBeGreaterThan(0);
    const records = seen.nodes.filter((node) => node.action !== 'MUTATION');
    for (const node of records) {
      if (node.recordType === 'assessment_run') expect(node.unitId).toBeNull();
      else expect(node.unitId).toBe(payments);
    }
    expect(records.some((node) => node.recordType === 'assessment_run' && node.recordId === ids['run'])).toBe(true);
    expect(records.some((node) => node.recordType === 'risk_assessment')).toBe(true);
    expect(records.some((node) => node.recordId === ids['treasury'] || node.recordId === ids['none'])).toBe(false);
    // Every operation shown changed only visible records: its arguments name nothing of another unit.
    const visibleRequests = new Set(records.map((node) => node.requestId));
    for (const node of seen.nodes.filter((row) => row.action === 'MUTATION')) expect(visibleRequests.has(node.requestId)).toBe(true);
    expect(seen.nodes.filter((row) => row.action === 'MUTATION').map((row) => row.operation)).toEqual(expect.arrayContaining(['createRisk', 'reassessRisk', 'addRiskAction', 'startAssessmentRun']));
    expect((await trail(auditor, ids['treasury'])).totalCount).toBe(0);
    expect((await trail(auditor, ids['none'])).totalCount).toBe(0);
    expect((await trail(auditor, ids['payments'])).totalCount).toBeGreaterThan(0);
  });

  it('shows nothing of a unit to an auditor granted another, and everything to an internal auditor', async () => {
    const elsewhere = await trail(testClaims([Role.ExternalAuditor], { ...grant, unitIds: [randomUUID()] }));
    expect(elsewhere.nodes.every((node) => node.recordType === 'assessment_run' || (node.action === 'MUTATION' && node.operation === 'startAssessmentRun'))).toBe(true);
    const internal = await trail(testClaims([Role.InternalAuditor]));
    expect(internal.nodes.some((node) => node.recordId === ids['treasury'])).toBe(true);
  });
});
