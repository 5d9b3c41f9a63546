import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit } from './risk-test-kit';

const CREATE = 'mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }';
const REASSESS = 'mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id } }';
const TREAT = 'mutation($i: TreatRiskInput!) { treatRisk(input: $i) { id } }';
const ADD_ACTION = 'mutation($i: AddRiskActionInput!) { addRiskAction(input: $i) { id } }';
const RUN = 'mutation($t: String!) { startAssessmentRun(title: $t) { id } }';
const RISK = 'query($id: ID!) { risk(id: $id) { id assessments { id note } actions { title dueOn } acceptance { acceptedAt note } } }';
const RUNS = 'query { assessmentRuns { id title } }';
const COMPARE = 'query($from: ID!, $to: ID!) { compareAssessmentRuns(from: $from, to: $to) { unchanged } }';
const PLAN = 'query { riskTreatmentPlan { riskId acceptedAt acceptedByName actions { title } } }';

interface RiskView {
  risk: { id: string; assessments: { id: string; note: string | null }[]; actions: { title: string; dueOn: string }[]; acceptance: { acceptedAt: string; note: string } | null } | null;
}

/**
 * An external auditor reads the risk register's dated history of the grant's observation period only: assessments by
 * when they were made, treatment actions by their due date, the acceptance by the day it was signed, assessment runs
 * by when they were taken. Everyone else reads all of it, and an auditor whose claims name no period reads nothing
 * dated.
 */
describe('risk-service: dated history within an external auditor\'s grant period', () => {
  const kit = new RiskTestKit('riskperiod');
  const manager = testClaims([Role.IsmsManager]);
  const unit = randomUUID();
  const grant = { unitIds: [unit], engagementId: randomUUID(), grantId: randomUUID(), periodStart: '2026-01-01', periodEnd: '2026-03-31' };
  const auditor = testClaims([Role.ExternalAuditor], grant);
  const periodless = testClaims([Role.ExternalAuditor], { ...grant, periodStart: undefined, periodEnd: undefined });
  let riskId: string;
  const runs: Record<string, string> = {};

  beforeAll(async () => {
    await kit.start();
    const db = kit.service.deps.dataSource;
    riskId = (await kit.service.ok<{ createRisk: { id: string } }>(CREATE, { i: { title: 'Payment switch outage', inherentLikelihood: 3, inherentImpact: 4, unitId: unit } }, manager)).createRisk.id;
    await kit.service.ok(TREAT, { i: { riskId, treatment: 'MODIFY', rationale: 'Second switch', controlIds: ['A.8.14'] } }, manager);
    for (const [note, at] of [['before', '2025-12-31T23:59:59Z'], ['inside', '2026-02-10T09:00:00Z'], ['after', '2026-04-01T00:00:00Z']] as const) {
      await kit.service.ok(REASSESS, { i: { riskId, kind: 'RESIDUAL', likelihood: 2, impact: 3, note } }, manager);
      await db.query('UPDATE risk_assessment SET assessed_at = $2 WHERE risk_id = $1 AND note = $3', [riskId, at, note]);
    }
    for (const [title, dueOn] of [['Order a second switch', '2026-03-31'], ['Fail-over drill', '2026-05-15']] as const) {
      await kit.service.ok(ADD_ACTION, { i: { riskId, title, dueOn } }, manager);
    }
    // Signed outside the period (the signing flow itself is proven in risk-owner-acceptance).
    await db.query("UPDATE risk SET accepted_at = '2026-04-02T10:00:00Z', accepted_by = 'owner', accepted_by_person_id = $2, acceptance_note = 'tolerable' WHERE id = $1", [riskId, randomUUID()]);
    for (const [title, at] of [['Q1 review', '2026-03-15T12:00:00Z'], ['Q2 review', '2026-06-15T12:00:00Z'], ['Q4 review', '2025-11-15T12:00:00Z']] as const) {
      runs[title] = (await kit.service.ok<{ startAssessmentRun: { id: string } }>(RUN, { t: title }, manager)).startAssessmentRun.id;
      await db.query('UPDATE assessment_run SET taken_at = $2 WHERE id = $1', [runs[title], at]);
    }
  });
  afterAll(() => kit.stop());

  it('gives everyone else the whole history', async () => {
    const { risk } = await kit.service.ok<RiskView>(RISK, { id: riskId }, manager);
    expect(risk?.assessments.map((a) => a.note)).toEqual(expect.arrayContaining(['before', 'inside', 'after']));
    expect(risk?.actions.map((a) => a.title).sort()).toEqual(['Fail-over drill', 'Order a second switch']);
    expect(risk?.acceptance?.note).toBe('tolerable');
    const listed = await kit.service.ok<{ assessmentRuns: { title: string }[] }>(RUNS, {}, manager);
    expect(listed.assessmentRuns.map((r) => r.title).sort()).toEqual(['Q1 review', 'Q2 review', 'Q4 review']);
  });

  it('gives the auditor the assessments, actions, acceptance and runs of the period, and nothing dated outside it', async () => {
    const { risk } = await kit.service.ok<RiskView>(RISK, { id: riskId }, auditor);
    expect(risk?.id).toBe(riskId); // the risk itself is in the grant's unit
    expect(risk?.assessments.map((a) => a.note)).toEqual(['inside']);
    expect(risk?.actions.map((a) => a.title)).toEqual(['Order a second switch']); // due on the period's last day
    expect(risk?.acceptance).toBeNull(); // signed the day after the period
    const listed = await kit.service.ok<{ assessmentRuns: { title: string }[] }>(RUNS, {}, auditor);
    expect(listed.assessmentRuns.map((r) => r.title)).toEqual(['Q1 review']);
    const plan = await kit.service.ok<{ riskTreatmentPlan: { riskId: string; acceptedAt: string | null; acceptedByName: string | null; actions: { title: string }[] }[] }>(PLAN, {}, auditor);
    const row = plan.riskTreatmentPlan.find((r) => r.riskId === riskId);
    expect(row).toMatchObject({ acceptedAt: null, acceptedByName: null, actions: [{ title: 'Order a second switch' }] });
    const managerPlan = await kit.service.ok<{ riskTreatmentPlan: { riskId: string; acceptedAt: string | null; actions: unknown[] }[] }>(PLAN, {}, manager);
    expect(managerPlan.riskTreatmentPlan.find((r) => r.riskId === riskId)).toMatchObject({ acceptedAt: expect.any(String) });
  });

  it('shows the acceptance once it was signed within the period', async () => {
    await kit.service.deps.dataSource.query("UPDATE risk SET accepted_at = '2026-03-31T23:30:00Z' WHERE id = $1", [riskId]);
    const { risk } = await kit.service.ok<RiskView>(RISK, { id: riskId }, auditor);
    expect(risk?.acceptance?.note).toBe('tolerable');
  });

  it('finds no run outside the period for a comparison', async () => {
    const inside = await kit.service.request(COMPARE, { from: runs['Q1 review'], to: runs['Q1 review'] }, auditor);
    expect(inside.errors).toBeUndefined();
    const outside = await kit.service.request(COMPARE, { from: runs['Q1 review'], to: runs['Q2 review'] }, auditor);
    expect(outside.errors?.[0]?.extensions?.['code']).toBe('RUN_NOT_FOUND');
    expect((await kit.service.request(COMPARE, { from: runs['Q1 review'], to: runs['Q2 review'] }, manager)).errors).toBeUndefined();
  });

  it('fails closed for an auditor whose claims name no period: nothing dated', async () => {
    const { risk } = await kit.service.ok<RiskView>(RISK, { id: riskId }, periodless);
    expect(risk?.id).toBe(riskId);
    expect(risk?.assessments).toEqual([]);
    expect(risk?.actions).toEqual([]);
    expect(risk?.acceptance).toBeNull();
    expect((await kit.service.ok<{ assessmentRuns: unknown[] }>(RUNS, {}, periodless)).assessmentRuns).toEqual([]);
  });
});
