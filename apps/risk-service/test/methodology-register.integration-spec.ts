import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit, TestPerson } from './risk-test-kit';

const RISK = 'id title inherentLikelihood inherentImpact inherentVersion inherentLevel residualLikelihood residualImpact residualVersion residualLevel currentLevel needsAcceptance status nextReviewOn acceptance { acceptedBy note person { id } }';
const CREATE = `mutation($i: CreateRiskInput!) { createRisk(input: $i) { ${RISK} } }`;
const REASSESS = `mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { ${RISK} assessments { kind methodologyVersion likelihood impact level } } }`;
const ACCEPT = `mutation($i: AcceptResidualRiskInput!) { acceptResidualRisk(input: $i) { ${RISK} } }`;
const PUBLISH = 'mutation($i: PublishRiskMethodologyInput!) { submitRiskMethodology(input: $i) { id proposed { version appetite levels { key rank } likelihoodScale { value } matrix { likelihood impact level } } } }';
const APPROVE = 'mutation($id: ID!) { approveRiskMethodology(id: $id) { version appetite levels { key rank } likelihoodScale { value } matrix { likelihood impact level } } }';
const REGISTER = `query($filter: RiskFilterInput, $sort: RiskSortField, $direction: RiskSortDirection, $first: Int, $after: String, $offset: Int) {
  riskRegister(filter: $filter, sort: $sort, direction: $direction, first: $first, after: $after, offset: $offset) { totalCount pageInfo { hasNextPage endCursor } nodes { id title currentLevel needsAcceptance } } }`;

interface Risk {
  id: string;
  title: string;
  inherentVersion: number;
  inherentLevel: string;
  residualLevel: string | null;
  currentLevel: string;
  needsAcceptance: boolean;
  acceptance: { acceptedBy: string; note: string; person: { id: string } } | null;
  assessments?: { kind: string; methodologyVersion: number; likelihood: number; impact: number; level: string }[];
}

/** A 4×4 methodology with three levels and appetite MEDIUM. */
function fourByFour(overrides: Record<string, unknown> = {}) {
  const scale = [1, 2, 3, 4].map((value) => ({ value, label: `Level ${value}`, description: `Scale level ${value}` }));
  const level = (l: number, i: number) => (l * i <= 3 ? 'LOW' : l * i <= 8 ? 'MEDIUM' : 'HIGH');
  return {
    likelihoodScale: scale,
    impactScale: scale,
    levels: [
      { key: 'LOW', label: 'Low' },
      { key: 'MEDIUM', label: 'Medium' },
      { key: 'HIGH', label: 'High' },
    ],
    matrix: scale.flatMap((l) => scale.map((i) => ({ likelihood: l.value, impact: i.value, level: level(l.value, i.value) }))),
    appetite: 'MEDIUM',
    notes: 'Simplified 4×4 scale agreed by the risk committee',
    ...overrides,
  };
}

describe('risk-service: methodology versions, residual risk, acceptance, runs and the register list', () => {
  const kit = new RiskTestKit('riskmeth');
  let owner: TestPerson;
  let other: TestPerson;

  beforeAll(async () => {
    await kit.start();
    owner = await kit.person('Rafael Ortiz');
    other = await kit.person('Chen Wei');
  });
  afterAll(async () => kit.stop());

  it('versions the methodology: old assessments keep v1, re-assessment records history under v2, bad input writes nothing', async () => {
    const { createRisk: phishing } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Phishing steals banking credentials', ownerId: owner.id, inherentLikelihood: 5, inherentImpact: 4 } });
    expect(phishing).toMatchObject({ inherentVersion: 1, inherentLevel: 'CRITICAL', currentLevel: 'CRITICAL', needsAcceptance: false });
    const v1 = await kit.service.ok<{ riskMethodology: { version: number; appetite: string; matrix: unknown[] } }>('{ riskMethodology { version appetite matrix { level } } }');
    expect(v1.riskMethodology).toMatchObject({ version: 1, appetite: 'MEDIUM' });
    expect(v1.riskMethodology.matrix).toHaveLength(25);

    const before = await kit.counts();
    const incomplete = await kit.service.request(PUBLISH, { i: fourByFour({ matrix: fourByFour().matrix.slice(1) }) });
    expect(incomplete.errors?.[0]).toMatchObject({ message: expect.stringContaining('matrix cell likelihood 1 × impact 1 has no level'), extensions: { code: 'INVALID_METHODOLOGY' } });
    const badAppetite = await kit.service.request(PUBLISH, { i: fourByFour({ appetite: 'SEVERE' }) });
    expect(badAppetite.errors?.[0]?.message).toContain('the risk appetite SEVERE is not one of the levels LOW, MEDIUM, HIGH');
    const twoLevels = await kit.service.request(PUBLISH, { i: fourByFour({ likelihoodScale: fourByFour().likelihoodScale.slice(0, 2) }) });
    expect(twoLevels.errors?.[0]).toMatchObject({ message: expect.stringContaining('the likelihood scale needs 3 to 10 levels'), extensions: { code: 'VALIDATION_FAILED' } });
    const notManager = await kit.service.request(PUBLISH, { i: fourByFour() }, testClaims([Role.RiskOwner]));
    expect(notManager.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const stale = await kit.service.request(PUBLISH, { i: fourByFour({ expectedCurrentVersion: 7 }) });
    expect(stale.errors?.[0]).toMatchObject({ message: 'methodology v1 was published meanwhile; you edited v7', extensions: { code: 'METHODOLOGY_CHANGED' } });
    expect(await kit.counts()).toEqual(before);

    const { submitRiskMethodology: draft } = await kit.service.ok<{ submitRiskMethodology: { id: string } }>(PUBLISH, { i: fourByFour({ expectedCurrentVersion: 1 }) });
    const { approveRiskMethodology: v2 } = await kit.service.ok<{ approveRiskMethodology: { version: number; levels: { key: string; rank: number }[] } }>(APPROVE, { id: draft.id }, testClaims([Role.Executive]));
    expect(v2).toMatchObject({ version: 2, levels: [{ key: 'LOW', rank: 1 }, { key: 'MEDIUM', rank: 2 }, { key: 'HIGH', rank: 3 }] });
    expect((await kit.events((await kit.service.deps.dataSource.query('SELECT id FROM risk_methodology WHERE version = 2'))[0].id)).map((e) => e.type)).toEqual(['risk.methodology.published']);

    // Publishing rewrote nothing: the risk still carries its v1 assessment.
    const kept = await kit.service.ok<{ risk: Risk }>(`query($id: ID!) { risk(id: $id) { ${RISK} } }`, { id: phishing.id });
    expect(kept.risk).toMatchObject({ inherentVersion: 1, inherentLevel: 'CRITICAL' });

    const beforeReassess = await kit.counts();
    const offScale = await kit.service.request(REASSESS, { i: { riskId: phishing.id, kind: 'INHERENT', likelihood: 5, impact: 4 } });
    expect(offScale.errors?.[0]).toMatchObject({ message: 'likelihood 5 is not on the 4-level scale (1, 2, 3, 4) of methodology v2', extensions: { code: 'VALUE_NOT_ON_SCALE' } });
    const unknownRisk = await kit.service.request(REASSESS, { i: { riskId: randomUUID(), kind: 'INHERENT', likelihood: 1, impact: 1 } });
    expect(unknownRisk.errors?.[0]?.extensions).toMatchObject({ code: 'RISK_NOT_FOUND' });
    expect(await kit.counts()).toEqual(beforeReassess);

    const { reassessRisk } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: phishing.id, kind: 'INHERENT', likelihood: 4, impact: 3, note: 'Re-scored on the v2 scale' } });
    expect(reassessRisk).toMatchObject({ inherentVersion: 2, inherentLevel: 'HIGH', currentLevel: 'HIGH' });
    expect(reassessRisk.assessments).toEqual([
      { kind: 'INHERENT', methodologyVersion: 1, likelihood: 5, impact: 4, level: 'CRITICAL' },
      { kind: 'INHERENT', methodologyVersion: 2, likelihood: 4, impact: 3, level: 'HIGH' },
    ]);
    const events = await kit.events(phishing.id);
    expect(events.at(-1)?.data).toMatchObject({ inherentVersion: 2, inherentLevel: 'HIGH', inherentLikelihood: 4, inherentImpact: 3 });

    const map = await kit.service.ok<{ riskHeatMap: { methodologyVersion: number; inherent: { likelihood: number; impact: number; level: string; count: number }[]; inherentOnOtherVersions: number } }>(
      '{ riskHeatMap { methodologyVersion inherent { likelihood impact level count } residual { count } inherentOnOtherVersions residualOnOtherVersions } }',
    );
    expect(map.riskHeatMap.methodologyVersion).toBe(2);
    expect(map.riskHeatMap.inherent).toHaveLength(16);
    expect(map.riskHeatMap.inherent.filter((c) => c.count > 0)).toEqual([{ likelihood: 4, impact: 3, level: 'HIGH', count: 1 }]);
  });

  it('flags residual risk above appetite until its owner, and only its owner, accepts it', async () => {
    const { createRisk: fraud } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Payment fraud through account takeover', ownerId: owner.id, inherentLikelihood: 4, inherentImpact: 4 } });
    const noResidual = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'We live with it' } }, kit.claimsOf(owner));
    expect(noResidual.errors?.[0]).toMatchObject({ message: expect.stringContaining('has no residual assessment to accept'), extensions: { code: 'RESIDUAL_NOT_ASSESSED' } });

    const { reassessRisk } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: fraud.id, kind: 'RESIDUAL', likelihood: 3, impact: 4 } });
    expect(reassessRisk).toMatchObject({ residualLevel: 'HIGH', currentLevel: 'HIGH', needsAcceptance: true, acceptance: null });
    const flagged = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { id: string }[] } }>(REGISTER, { filter: { needsAcceptance: true } });
    expect(flagged.riskRegister.nodes.map((n) => n.id)).toEqual([fraud.id]);

    const before = await kit.counts();
    // Another risk owner does not even reach the risk (no unit of theirs, not theirs); an organisation-wide signer does, but is not its owner.
    const outOfReach = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'Fine by me' } }, kit.claimsOf(other));
    expect(outOfReach.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_SCOPE', category: 'FORBIDDEN' });
    const notOwner = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'Fine by me' } }, kit.claimsOf(other, [Role.Executive]));
    expect(notOwner.errors?.[0]).toMatchObject({ message: `only the risk owner (Rafael Ortiz) may accept the residual risk of "${fraud.title}"`, extensions: { code: 'NOT_THE_RISK_OWNER', category: 'FORBIDDEN' } });
    const admin = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'Admin override' } }, testClaims([Role.Admin]));
    expect(admin.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_THE_RISK_OWNER' });
    const auditor = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'x' } }, testClaims([Role.ExternalAuditor], { email: owner.email }));
    expect(auditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const noNote = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: '' } }, kit.claimsOf(owner));
    expect(noNote.errors?.[0]?.message).toContain('an acceptance needs a note');
    expect(await kit.counts()).toEqual(before);

    const ownerClaims = kit.claimsOf(owner);
    const { acceptResidualRisk } = await kit.service.ok<{ acceptResidualRisk: Risk }>(ACCEPT, { i: { riskId: fraud.id, note: 'Insurance covers the remainder' } }, ownerClaims);
    expect(acceptResidualRisk).toMatchObject({ needsAcceptance: false, acceptance: { acceptedBy: ownerClaims.sub, note: 'Insurance covers the remainder', person: { id: owner.id } } });
    const twice = await kit.service.request(ACCEPT, { i: { riskId: fraud.id, note: 'again' } }, ownerClaims);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_ACCEPTED' });
    expect((await kit.events(fraud.id)).at(-1)?.data).toMatchObject({ needsAcceptance: false, acceptedByPersonId: owner.id, residualLevel: 'HIGH' });

    // A new residual assessment voids the acceptance; so does a new owner.
    const { reassessRisk: again } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: fraud.id, kind: 'RESIDUAL', likelihood: 4, impact: 3 } });
    expect(again).toMatchObject({ needsAcceptance: true, acceptance: null });
    const { reassessRisk: low } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: fraud.id, kind: 'RESIDUAL', likelihood: 1, impact: 2 } });
    expect(low).toMatchObject({ residualLevel: 'LOW', currentLevel: 'LOW', needsAcceptance: false });
  });

  it('keeps planned actions with owners and due dates, refusing unknown people and bad dates', async () => {
    const { createRisk: risk } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Backups not tested', ownerId: other.id, inherentLikelihood: 2, inherentImpact: 4 } });
    const ADD = 'mutation($i: AddRiskActionInput!) { addRiskAction(input: $i) { id title dueOn status owner { id } } }';
    const before = await kit.counts();
    const badDate = await kit.service.request(ADD, { i: { riskId: risk.id, title: 'Restore test', dueOn: '2026-02-30', ownerId: other.id } });
    expect(badDate.errors?.[0]).toMatchObject({ message: 'dueOn 2026-02-30 is not a calendar date (yyyy-mm-dd)', extensions: { code: 'INVALID_DATE' } });
    const stranger = await kit.service.request(ADD, { i: { riskId: risk.id, title: 'Restore test', dueOn: '2026-03-01', ownerId: randomUUID() } });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_PERSON' });
    expect(await kit.counts()).toEqual(before);
    const { addRiskAction } = await kit.service.ok<{ addRiskAction: { id: string } }>(ADD, { i: { riskId: risk.id, title: 'Quarterly restore test', dueOn: '2026-03-31', ownerId: other.id } });
    await kit.service.ok('mutation($i: UpdateRiskActionInput!) { updateRiskAction(input: $i) { id } }', { i: { actionId: addRiskAction.id, status: 'IN_PROGRESS' } });
    const { risk: loaded } = await kit.service.ok<{ risk: { actions: unknown[] } }>('query($id: ID!) { risk(id: $id) { actions { title dueOn status owner { id } } } }', { id: risk.id });
    expect(loaded.actions).toEqual([{ title: 'Quarterly restore test', dueOn: '2026-03-31', status: 'IN_PROGRESS', owner: { id: other.id } }]);
  });

  it('snapshots the register in runs and compares two runs', async () => {
    const RUN = 'mutation($t: String!) { startAssessmentRun(title: $t) { id title riskCount methodologyVersion } }';
    const blank = await kit.service.request(RUN, { t: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'TITLE_REQUIRED' });
    const { startAssessmentRun: q1 } = await kit.service.ok<{ startAssessmentRun: { id: string; riskCount: number } }>(RUN, { t: 'Q1 assessment' });
    const total = (await kit.counts())['risk'];
    expect(q1.riskCount).toBe(total);

    const { createRisk: added } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Insider copies customer data', inherentLikelihood: 2, inherentImpact: 4 } });
    const [changed] = (await kit.service.ok<{ riskRegister: { nodes: Risk[] } }>(REGISTER, { filter: { search: 'Backups not tested' } })).riskRegister.nodes;
    await kit.service.ok(REASSESS, { i: { riskId: changed.id, kind: 'INHERENT', likelihood: 3, impact: 4 } });
    const { startAssessmentRun: q2 } = await kit.service.ok<{ startAssessmentRun: { id: string } }>(RUN, { t: 'Q2 assessment' });

    const { compareAssessmentRuns } = await kit.service.ok<{
      compareAssessmentRuns: { added: { riskId: string }[]; removed: unknown[]; unchanged: number; changed: { riskId: string; changes: { field: string; before: string; after: string; delta: number | null }[] }[] };
    }>('query($a: ID!, $b: ID!) { compareAssessmentRuns(from: $a, to: $b) { added { riskId } removed { riskId } unchanged changed { riskId changes { field before after delta } } } }', { a: q1.id, b: q2.id });
    expect(compareAssessmentRuns.added).toEqual([{ riskId: added.id }]);
    expect(compareAssessmentRuns.removed).toEqual([]);
    expect(compareAssessmentRuns.changed).toHaveLength(1);
    expect(compareAssessmentRuns.changed[0].riskId).toBe(changed.id);
    expect(compareAssessmentRuns.changed[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'inherentLevel', before: 'MEDIUM', after: 'HIGH', delta: null },
        { field: 'inherentLikelihood', before: '2', after: '3', delta: 1 },
        { field: 'inherentScore', before: '8', after: '12', delta: 4 },
      ]),
    );
    expect(compareAssessmentRuns.unchanged).toBe(q1.riskCount - 1);
    const missing = await kit.service.request('query($a: ID!) { compareAssessmentRuns(from: $a, to: $a) { unchanged } }', { a: randomUUID() });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'RUN_NOT_FOUND' });
  });

  it('lists the register filtered, sorted and paginated by cursor or offset, scoped to the organisation', async () => {
    for (let n = 1; n <= 7; n += 1) {
      await kit.service.ok(CREATE, { i: { title: `Paging risk ${n}`, inherentLikelihood: 1 + (n % 4), inherentImpact: 2, nextReviewOn: `2026-0${n}-15`, unitId: n % 2 ? '11111111-1111-4111-8111-111111111111' : null } });
    }
    const all = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { title: string }[] } }>(REGISTER, { filter: { search: 'paging' }, sort: 'TITLE', first: 100 });
    expect(all.riskRegister.totalCount).toBe(7);
    const titles = all.riskRegister.nodes.map((n) => n.title);
    expect(titles).toEqual([...titles].sort());

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result: { riskRegister: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { title: string }[] } } = await kit.service.ok(REGISTER, { filter: { search: 'paging' }, sort: 'DUE', first: 3, after });
      expect(result.riskRegister.totalCount).toBe(7);
      seen.push(...result.riskRegister.nodes.map((n) => n.title));
      if (!result.riskRegister.pageInfo.hasNextPage) break;
      after = result.riskRegister.pageInfo.endCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Paging risk ${n}`));
    const offset = await kit.service.ok<{ riskRegister: { nodes: { title: string }[] } }>(REGISTER, { filter: { search: 'paging' }, sort: 'DUE', first: 2, offset: 5 });
    expect(offset.riskRegister.nodes.map((n) => n.title)).toEqual(['Paging risk 6', 'Paging risk 7']);
    const unit = await kit.service.ok<{ riskRegister: { totalCount: number } }>(REGISTER, { filter: { search: 'paging', unitId: '11111111-1111-4111-8111-111111111111' } });
    expect(unit.riskRegister.totalCount).toBe(4);
    const byScore = await kit.service.ok<{ riskRegister: { nodes: { currentLevel: string }[] } }>(REGISTER, { first: 500 });
    const ranks = byScore.riskRegister.nodes.map((n) => ['LOW', 'MEDIUM', 'HIGH'].indexOf(n.currentLevel));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const high = await kit.service.ok<{ riskRegister: { nodes: { currentLevel: string }[] } }>(REGISTER, { filter: { level: 'HIGH' } });
    expect(high.riskRegister.nodes.every((n) => n.currentLevel === 'HIGH')).toBe(true);

    const wrongCursor = await kit.service.request(REGISTER, { sort: 'TITLE', after: 'bm9wZQ' });
    expect(wrongCursor.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR' });
    const foreign = await kit.service.ok<{ riskRegister: { totalCount: number } }>(REGISTER, {}, testClaims([Role.Executive], { organisationId: randomUUID() }));
    expect(foreign.riskRegister.totalCount).toBe(0);
    const employee = await kit.service.request(REGISTER, {}, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
