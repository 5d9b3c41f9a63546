import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Role } from '@iso27001/authz';
import { OrgUnitUpserted } from '@iso27001/contracts';
import { eventually, TestEventPublisher, testClaims } from '@iso27001/testing';
import { RiskTestKit, TestPerson } from './risk-test-kit';

const CREATE = 'mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }';
const UPDATE = 'mutation($i: UpdateRiskInput!) { updateRisk(input: $i) { id unit { id } assets { id } } }';
const REASSESS = 'mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id residualScore } }';
const TREAT = 'mutation($i: TreatRiskInput!) { treatRisk(input: $i) { id } }';
const ACCEPT = 'mutation($i: AcceptResidualRiskInput!) { acceptResidualRisk(input: $i) { id } }';
const ADD_ACTION = 'mutation($i: AddRiskActionInput!) { addRiskAction(input: $i) { id } }';
const CREATE_ASSET = 'mutation($i: CreateRiskAssetInput!) { createRiskAsset(input: $i) { id } }';
const UPDATE_ASSET = 'mutation($i: UpdateRiskAssetInput!) { updateRiskAsset(input: $i) { id } }';
const DELETE_ASSET = 'mutation($id: ID!) { deleteRiskAsset(id: $id) }';
const REGISTER = 'query($filter: RiskFilterInput) { riskRegister(filter: $filter, first: 50) { totalCount nodes { id } } }';
const IMPORT = 'mutation($i: StartRiskImportInput!) { startRiskImport(input: $i) { id } }';
const JOB = 'query($id: ID!) { riskImportJob(id: $id) { status importedRows errors { row field message } } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Risk { id } ... on RiskAsset { id } } }';

type Claims = ReturnType<typeof testClaims>;

/**
 * Per-record scope in the risk register: a risk owner of Payments (a token-asserted unit, with its sub-unit Cards in
 * the replica) reads and changes only the risks and assets of Payments and Cards and those he owns; another unit's
 * records are invisible to him and every write to them is refused with nothing written. Organisation-wide roles
 * keep the whole register.
 */
describe('risk-service: a risk owner reaches the records of his units and his own, nothing else', () => {
  const kit = new RiskTestKit('riskscope');
  let units: TestEventPublisher;
  const payments = randomUUID();
  const cards = randomUUID();
  const treasury = randomUUID();
  let rafael: TestPerson;
  let olga: TestPerson;
  let owner: Claims;
  const manager = testClaims([Role.IsmsManager]);
  const ids: Record<string, string> = {};

  const create = async (title: string, input: Record<string, unknown>, claims: Claims = manager) =>
    (await kit.service.ok<{ createRisk: { id: string } }>(CREATE, { i: { title, inherentLikelihood: 3, inherentImpact: 4, ...input } }, claims)).createRisk.id;
  const asset = async (name: string, input: Record<string, unknown>) =>
    (await kit.service.ok<{ createRiskAsset: { id: string } }>(CREATE_ASSET, { i: { type: 'INFORMATION', name, confidentiality: 'HIGH', integrity: 'HIGH', availability: 'LOW', ...input } }, manager)).createRiskAsset.id;
  const refusal = async (query: string, variables: Record<string, unknown>, claims: Claims = owner) => {
    const result = await kit.service.request(query, variables, claims);
    return { code: result.errors?.[0]?.extensions?.['code'], message: result.errors?.[0]?.message, data: result.data };
  };

  beforeAll(async () => {
    await kit.start();
    units = await TestEventPublisher.connect(kit.prefix, 'risk-scope-units');
    for (const [id, name, parentId] of [[payments, 'Payments', null], [cards, 'Cards', payments], [treasury, 'Treasury', null]] as const) {
      await units.publishAs(OrgUnitUpserted, { id, name, kind: 'DEPARTMENT', parentId });
    }
    await eventually('units in the replica', async () => {
      const rows: unknown[] = await kit.service.deps.dataSource.query('SELECT 1 FROM unit_replica WHERE unit_id = ANY($1::uuid[])', [[payments, cards, treasury]]);
      return rows.length === 3;
    });
    rafael = await kit.person('Rafael Payments');
    olga = await kit.person('Olga Treasury');
    owner = testClaims([Role.RiskOwner], { email: rafael.email, name: rafael.name, unitIds: [payments] });

    ids['assetPayments'] = await asset('Card vault', { unitId: payments });
    ids['assetTreasury'] = await asset('Treasury ledger', { unitId: treasury, ownerId: olga.id });
    ids['payments'] = await create('Card data skimmed at checkout', { unitId: payments, assetIds: [ids['assetPayments'], ids['assetTreasury']] });
    ids['cards'] = await create('Card issuing keys leaked', { unitId: cards });
    ids['treasury'] = await create('Treasury wire fraud', { unitId: treasury, ownerId: olga.id });
    ids['ownedElsewhere'] = await create('Treasury reconciliation gap', { unitId: treasury, ownerId: rafael.id });
    await kit.service.ok(TREAT, { i: { riskId: ids['treasury'], treatment: 'MODIFY', rationale: 'Dual control on wires', controlIds: ['A.5.15'] } }, manager);
    await kit.service.ok(TREAT, { i: { riskId: ids['payments'], treatment: 'MODIFY', rationale: 'Tokenisation', controlIds: ['A.8.24'] } }, manager);
    await kit.service.ok(REASSESS, { i: { riskId: ids['treasury'], kind: 'RESIDUAL', likelihood: 3, impact: 4 } }, manager);
  });
  afterAll(async () => {
    await units?.disconnect();
    await kit.stop();
  });

  it('lists, counts, maps and exports only the risks of his units (sub-units included) and those he owns', async () => {
    const mine = [ids['payments'], ids['cards'], ids['ownedElsewhere']].sort();
    const { risks } = await kit.service.ok<{ risks: { id: string }[] }>('{ risks { id } }', {}, owner);
    expect(risks.map((r) => r.id).sort()).toEqual(mine);
    const { riskRegister } = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { id: string }[] } }>(REGISTER, {}, owner);
    expect(riskRegister.totalCount).toBe(3);
    expect(riskRegister.nodes.map((n) => n.id).sort()).toEqual(mine);
    // Asking for the other unit's risks gives only those he owns there, and the total says so.
    const treasuryOnly = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { id: string }[] } }>(REGISTER, { filter: { unitId: treasury } }, owner);
    expect(treasuryOnly.riskRegister).toEqual({ totalCount: 1, nodes: [{ id: ids['ownedElsewhere'] }] });

    const map = await kit.service.ok<{ riskHeatMap: { inherent: { count: number }[] } }>('{ riskHeatMap { inherent { count } } }', {}, owner);
    expect(map.riskHeatMap.inherent.reduce((sum, cell) => sum + cell.count, 0)).toBe(3);
    const wholeMap = await kit.service.ok<{ riskHeatMap: { inherent: { count: number }[] } }>('{ riskHeatMap { inherent { count } } }', {}, manager);
    expect(wholeMap.riskHeatMap.inherent.reduce((sum, cell) => sum + cell.count, 0)).toBe(4);

    const { riskTreatmentPlan } = await kit.service.ok<{ riskTreatmentPlan: { riskId: string }[] }>('{ riskTreatmentPlan { riskId } }', {}, owner);
    expect(riskTreatmentPlan.map((row) => row.riskId)).toEqual([ids['payments']]);
    const { exportRiskTreatmentPlan } = await kit.service.ok<{ exportRiskTreatmentPlan: { base64: string } }>('{ exportRiskTreatmentPlan(format: XLSX) { base64 } }', {}, owner);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exportRiskTreatmentPlan.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Risk Treatment Plan')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['Card data skimmed at checkout']);

    const { riskAssets } = await kit.service.ok<{ riskAssets: { totalCount: number; nodes: { id: string }[] } }>('{ riskAssets { totalCount nodes { id } } }', {}, owner);
    expect(riskAssets).toEqual({ totalCount: 1, nodes: [{ id: ids['assetPayments'] }] });
    const whole = await kit.service.ok<{ riskRegister: { totalCount: number } }>(REGISTER, {}, manager);
    expect(whole.riskRegister.totalCount).toBe(4);
  });

  it('answers another unit\'s risk or asset as if it did not exist, at the root, in field resolvers and in references', async () => {
    const read = await kit.service.ok<{ risk: unknown; riskAsset: unknown }>('query($r: ID!, $a: ID!) { risk(id: $r) { id } riskAsset(id: $a) { id } }', { r: ids['treasury'], a: ids['assetTreasury'] }, owner);
    expect(read).toEqual({ risk: null, riskAsset: null });
    const linked = await kit.service.ok<{ risk: { assets: { id: string }[] } }>('query($r: ID!) { risk(id: $r) { assets { id } } }', { r: ids['payments'] }, owner);
    expect(linked.risk.assets).toEqual([{ id: ids['assetPayments'] }]);
    const asManager = await kit.service.ok<{ risk: { assets: { id: string }[] } }>('query($r: ID!) { risk(id: $r) { assets { id } } }', { r: ids['payments'] }, manager);
    expect(asManager.risk.assets).toHaveLength(2);
    const assetRisks = await kit.service.ok<{ riskAsset: { risks: { id: string }[] } }>('query($a: ID!) { riskAsset(id: $a) { risks { id } } }', { a: ids['assetPayments'] }, owner);
    expect(assetRisks.riskAsset.risks).toEqual([{ id: ids['payments'] }]);

    const representations = [
      { __typename: 'Risk', id: ids['treasury'] },
      { __typename: 'Risk', id: ids['cards'] },
      { __typename: 'RiskAsset', id: ids['assetTreasury'] },
      { __typename: 'RiskAsset', id: ids['assetPayments'] },
    ];
    const { _entities } = await kit.service.ok<{ _entities: unknown[] }>(ENTITIES, { r: representations }, owner);
    expect(_entities).toEqual([null, { id: ids['cards'] }, null, { id: ids['assetPayments'] }]);
    const employee = await kit.service.ok<{ _entities: unknown[] }>(ENTITIES, { r: representations }, testClaims([Role.Employee], { unitIds: [payments] }));
    expect(employee._entities).toEqual([null, null, null, null]);
  });

  it('refuses every change to another unit\'s records, and moving or creating one there, writing nothing', async () => {
    const before = await kit.counts();
    const attempts: [string, string, Record<string, unknown>][] = [
      ['take over the risk', UPDATE, { i: { riskId: ids['treasury'], ownerId: rafael.id } }],
      ['retitle the risk', UPDATE, { i: { riskId: ids['treasury'], title: 'Nothing to see' } }],
      ['lower its residual score', REASSESS, { i: { riskId: ids['treasury'], kind: 'RESIDUAL', likelihood: 1, impact: 1 } }],
      ['change its treatment', TREAT, { i: { riskId: ids['treasury'], treatment: 'ACCEPT', rationale: 'Fine', controlIds: [] } }],
      ['accept it', ACCEPT, { i: { riskId: ids['treasury'], note: 'Accepted' } }],
      ['add an action', ADD_ACTION, { i: { riskId: ids['treasury'], title: 'Close it', dueOn: '2026-12-31' } }],
      ['move his own risk into Treasury', UPDATE, { i: { riskId: ids['payments'], unitId: treasury } }],
      ['create a risk in Treasury', CREATE, { i: { title: 'Planted', unitId: treasury, inherentLikelihood: 1, inherentImpact: 1 } }],
      ['create a risk in no unit, owned by someone else', CREATE, { i: { title: 'Orphan', ownerId: olga.id, inherentLikelihood: 1, inherentImpact: 1 } }],
      ['link his risk to Treasury\'s asset', UPDATE, { i: { riskId: ids['payments'], assetIds: [ids['assetTreasury']] } }],
      ['change Treasury\'s asset', UPDATE_ASSET, { i: { assetId: ids['assetTreasury'], name: 'Renamed' } }],
      ['delete Treasury\'s asset', DELETE_ASSET, { id: ids['assetTreasury'] }],
      ['create an asset in Treasury', CREATE_ASSET, { i: { type: 'SITE', name: 'Vault B', unitId: treasury, confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW' } }],
      ['link his asset to Treasury\'s risk', UPDATE_ASSET, { i: { assetId: ids['assetPayments'], riskIds: [ids['payments'], ids['treasury']] } }],
    ];
    for (const [what, query, variables] of attempts) {
      const result = await refusal(query, variables);
      expect({ what, code: result.code, message: result.code === 'OUT_OF_SCOPE' ? 'refused' : result.message }).toEqual({ what, code: 'OUT_OF_SCOPE', message: 'refused' });
    }
    // A run snapshots every unit's risks: a programme manager's, never a risk owner's.
    expect((await refusal('mutation { startAssessmentRun(title: "Q4") { id } }', {})).code).toBe('FORBIDDEN');
    expect((await refusal(UPDATE, { i: { riskId: ids['treasury'], title: 'x' } })).message).toBe('risk "Treasury wire fraud" is outside your units: you may change records of your own units and those you own');
    expect(await kit.counts()).toEqual(before);
    const untouched = await kit.service.ok<{ risk: { title: string; residualScore: number; owner: { id: string } } }>('query($r: ID!) { risk(id: $r) { title residualScore owner { id } } }', { r: ids['treasury'] }, manager);
    expect(untouched.risk).toEqual({ title: 'Treasury wire fraud', residualScore: 12, owner: { id: olga.id } });
  });

  it('lets him work on his units\' risks and his own, keeping the links he cannot see', async () => {
    const reassessed = await kit.service.ok<{ reassessRisk: { residualScore: number } }>(REASSESS, { i: { riskId: ids['cards'], kind: 'RESIDUAL', likelihood: 2, impact: 2 } }, owner);
    expect(reassessed.reassessRisk.residualScore).toBe(4);
    await kit.service.ok(ADD_ACTION, { i: { riskId: ids['ownedElsewhere'], title: 'Reconcile daily', dueOn: '2026-12-31' } }, owner);
    const created = await create('Chargeback abuse', { unitId: cards }, owner);
    expect(created).toBeTruthy();
    const moved = await kit.service.ok<{ updateRisk: { unit: { id: string } } }>(UPDATE, { i: { riskId: created, unitId: payments } }, owner);
    expect(moved.updateRisk.unit).toEqual({ id: payments });
    // He clears the asset links he sees; the link to Treasury's asset, which he does not see, stays.
    const cleared = await kit.service.ok<{ updateRisk: { assets: { id: string }[] } }>(UPDATE, { i: { riskId: ids['payments'], assetIds: [] } }, owner);
    expect(cleared.updateRisk.assets).toEqual([]);
    const asManager = await kit.service.ok<{ risk: { assets: { id: string }[] } }>('query($r: ID!) { risk(id: $r) { assets { id } } }', { r: ids['payments'] }, manager);
    expect(asManager.risk.assets).toEqual([{ id: ids['assetTreasury'] }]);
  });

  it('imports only rows of his units, reporting the others, and shows him only his own import jobs', async () => {
    const csv = ['title,owner_email,unit_id,inherent_likelihood,inherent_impact', `Imported for Cards,,${cards},2,2`, `Imported for Treasury,,${treasury},2,2`, 'Imported without unit,,,2,2', `Imported as mine,${rafael.email},,2,2`].join('\n');
    const { startRiskImport } = await kit.service.ok<{ startRiskImport: { id: string } }>(IMPORT, { i: { kind: 'RISKS', format: 'CSV', contentBase64: Buffer.from(csv).toString('base64'), dryRun: false } }, owner);
    const job = await eventually('import finished', async () => {
      const { riskImportJob } = await kit.service.ok<{ riskImportJob: { status: string; importedRows: number; errors: unknown[] } }>(JOB, { id: startRiskImport.id }, owner);
      return riskImportJob.status === 'RUNNING' ? undefined : riskImportJob;
    });
    expect(job).toEqual({
      status: 'COMPLETED_WITH_ERRORS',
      importedRows: 2,
      errors: [
        { row: 3, field: 'unit_id', message: `unit ${treasury} is not one of your units` },
        { row: 4, field: 'unit_id', message: 'unit_id is required: only an organisation-wide role, or the owner themself, may leave it empty' },
      ],
    });
    const imported = await kit.service.ok<{ riskRegister: { totalCount: number } }>(REGISTER, { filter: { search: 'Imported' } }, manager);
    expect(imported.riskRegister.totalCount).toBe(2);

    const colleague = testClaims([Role.RiskOwner], { unitIds: [payments] });
    const seen = await kit.service.ok<{ riskImportJob: unknown; riskImportJobs: unknown[] }>('query($id: ID!) { riskImportJob(id: $id) { status } riskImportJobs { id } }', { id: startRiskImport.id }, colleague);
    expect(seen).toEqual({ riskImportJob: null, riskImportJobs: [] });
    const managerJobs = await kit.service.ok<{ riskImportJobs: { id: string }[] }>('{ riskImportJobs { id } }', {}, manager);
    expect(managerJobs.riskImportJobs.map((j) => j.id)).toContain(startRiskImport.id);
  });

  it('compares assessment runs over his risks only, counting only those', async () => {
    const RUN = 'mutation($t: String!) { startAssessmentRun(title: $t) { id riskCount } }';
    const { startAssessmentRun: first } = await kit.service.ok<{ startAssessmentRun: { id: string; riskCount: number } }>(RUN, { t: 'Before' }, manager);
    await kit.service.ok(REASSESS, { i: { riskId: ids['treasury'], kind: 'INHERENT', likelihood: 5, impact: 5 } }, manager);
    await kit.service.ok(REASSESS, { i: { riskId: ids['cards'], kind: 'INHERENT', likelihood: 4, impact: 4 } }, manager);
    const { startAssessmentRun: second } = await kit.service.ok<{ startAssessmentRun: { id: string } }>(RUN, { t: 'After' }, manager);
    const COMPARE = 'query($f: ID!, $t: ID!) { compareAssessmentRuns(from: $f, to: $t) { from { riskCount } changed { riskId } added { riskId } removed { riskId } unchanged } }';
    const mine = await kit.service.ok<{ compareAssessmentRuns: { from: { riskCount: number }; changed: { riskId: string }[]; unchanged: number } }>(COMPARE, { f: first.id, t: second.id }, owner);
    const all = await kit.service.ok<{ compareAssessmentRuns: { from: { riskCount: number }; changed: { riskId: string }[]; unchanged: number } }>(COMPARE, { f: first.id, t: second.id }, manager);
    expect(all.compareAssessmentRuns.changed.map((c) => c.riskId).sort()).toEqual([ids['cards'], ids['treasury']].sort());
    expect(mine.compareAssessmentRuns.changed.map((c) => c.riskId)).toEqual([ids['cards']]);
    expect(mine.compareAssessmentRuns.from.riskCount).toBe(mine.compareAssessmentRuns.changed.length + mine.compareAssessmentRuns.unchanged);
    expect(all.compareAssessmentRuns.from.riskCount).toBe(first.riskCount);
    expect(mine.compareAssessmentRuns.from.riskCount).toBeLessThan(first.riskCount);
    const runs = await kit.service.ok<{ assessmentRuns: { riskCount: number }[] }>('{ assessmentRuns { riskCount } }', {}, owner);
    expect(runs.assessmentRuns.map((r) => r.riskCount)).toEqual([mine.compareAssessmentRuns.from.riskCount, mine.compareAssessmentRuns.from.riskCount]);
  });

  it('gives an external auditor only the units of the token, and a risk owner with no units nothing', async () => {
    const auditor = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { id: string }[] } }>(REGISTER, {}, testClaims([Role.ExternalAuditor], { unitIds: [treasury] }));
    expect(auditor.riskRegister.totalCount).toBe(2);
    expect(auditor.riskRegister.nodes.map((n) => n.id).sort()).toEqual([ids['treasury'], ids['ownedElsewhere']].sort());
    const nobody = await kit.service.ok<{ riskRegister: { totalCount: number }; riskAssets: { totalCount: number }; riskTreatmentPlan: unknown[] }>(
      '{ riskRegister { totalCount } riskAssets { totalCount } riskTreatmentPlan { riskId } }',
      {},
      testClaims([Role.RiskOwner]),
    );
    expect(nobody).toEqual({ riskRegister: { totalCount: 0 }, riskAssets: { totalCount: 0 }, riskTreatmentPlan: [] });
  });
});
