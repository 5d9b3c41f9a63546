import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { eventually, testClaims } from '@iso27001/testing';
import { RiskTestKit, TestPerson } from './risk-test-kit';

const RISK = 'id title owner { id } ownerAssignedAt residualLevel needsAcceptance acceptance { acceptedBy note person { id } }';
const CREATE = `mutation($i: CreateRiskInput!) { createRisk(input: $i) { ${RISK} } }`;
const UPDATE = `mutation($i: UpdateRiskInput!) { updateRisk(input: $i) { ${RISK} } }`;
const REASSESS = `mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { ${RISK} } }`;
const ACCEPT = `mutation($i: AcceptResidualRiskInput!) { acceptResidualRisk(input: $i) { ${RISK} } }`;
const IMPORT = 'mutation($i: StartRiskImportInput!) { startRiskImport(input: $i) { id } }';
const JOB = 'query($id: ID!) { riskImportJob(id: $id) { status importedRows errors { row field message } } }';

interface Risk {
  id: string;
  title: string;
  owner: { id: string } | null;
  ownerAssignedAt: string;
  residualLevel: string | null;
  needsAcceptance: boolean;
  acceptance: { acceptedBy: string; note: string; person: { id: string } } | null;
}

/**
 * Segregation of duties around a risk's owner (risk-acceptance.rules.ts): ownership is assigned by a programme
 * manager; the owner accepts only a residual assessment recorded after he became the owner, by someone else.
 */
describe('risk-service: who assigns a risk owner, and whose residual assessment an owner may accept', () => {
  const kit = new RiskTestKit('riskowner');
  const payments = randomUUID();
  let rafael: TestPerson;
  let chen: TestPerson;
  let iris: TestPerson;
  const manager = testClaims([Role.IsmsManager], { name: 'Omar Manager' });

  beforeAll(async () => {
    await kit.start();
    rafael = await kit.person('Rafael Ortiz');
    chen = await kit.person('Chen Wei');
    iris = await kit.person('Iris Mendes');
  });
  afterAll(async () => kit.stop());

  /** A risk owner of the Payments unit (his token names the unit), as the demo's risk owner: one identity per person. */
  const identities = new Map<string, ReturnType<typeof testClaims>>();
  const riskOwner = (person: TestPerson) => {
    if (!identities.has(person.id)) identities.set(person.id, testClaims([Role.RiskOwner], { email: person.email, name: person.name, unitIds: [payments] }));
    return identities.get(person.id)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  };

  /** The risk's row as stored, and the rows a change may write: a refused step leaves all of it as it was. */
  async function snapshot(riskId: string) {
    const [row] = await kit.service.deps.dataSource.query(
      'SELECT title, owner_id, owner_assigned_at, residual_likelihood, residual_impact, accepted_at, accepted_by, acceptance_note, updated_at FROM risk WHERE id = $1',
      [riskId],
    );
    return { row, counts: await kit.counts() };
  }

  async function expectRefused(query: string, input: Record<string, unknown>, claims: ReturnType<typeof testClaims>, code: string, message: RegExp) {
    const before = await snapshot(input['riskId'] as string);
    const result = await kit.service.request(query, { i: input }, claims);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
    expect(await snapshot(input['riskId'] as string)).toEqual(before);
  }

  /** A Payments risk assessed by the ISMS manager with a residual risk above appetite. */
  async function riskOwnedBy(person: TestPerson, title: string): Promise<Risk> {
    const { createRisk } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title, ownerId: person.id, unitId: payments, inherentLikelihood: 4, inherentImpact: 4 } }, manager);
    const { reassessRisk } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: createRisk.id, kind: 'RESIDUAL', likelihood: 4, impact: 3 } }, manager);
    expect(reassessRisk).toMatchObject({ needsAcceptance: true, acceptance: null });
    return reassessRisk;
  }

  it('refuses a risk owner who changes an owner, to himself or anyone, writing nothing; a programme manager reassigns, and other edits stay open', async () => {
    const own = await riskOwnedBy(rafael, `Card data in support tickets ${randomUUID()}`);
    const others = await riskOwnedBy(chen, `Settlement file tampered in transit ${randomUUID()}`);
    const refusal = /only a programme manager \(an administrator or the ISMS manager\) may change the owner of risk ".+": ownership is assigned, not taken/;

    await expectRefused(UPDATE, { riskId: others.id, ownerId: rafael.id }, riskOwner(rafael), 'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER', refusal);
    await expectRefused(UPDATE, { riskId: own.id, ownerId: chen.id, title: 'Renamed on the way' }, riskOwner(rafael), 'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER', refusal);
    await expectRefused(UPDATE, { riskId: own.id, ownerId: null }, riskOwner(rafael), 'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER', refusal);
    // An executive holds no programme role either.
    await expectRefused(UPDATE, { riskId: own.id, ownerId: chen.id }, testClaims([Role.Executive]), 'FORBIDDEN', /./);

    // The owner edits his risk, sending the owner it already has (as the edit form does): that is no change of owner.
    const { updateRisk: edited } = await kit.service.ok<{ updateRisk: Risk }>(UPDATE, { i: { riskId: own.id, ownerId: rafael.id, title: `${own.title} (support desk)` } }, riskOwner(rafael));
    expect(edited).toMatchObject({ title: `${own.title} (support desk)`, owner: { id: rafael.id } });

    // A new risk he registers is his own, or waits for a programme manager to name its owner.
    const before0 = await kit.counts();
    const handedOver = await kit.service.request(CREATE, { i: { title: 'Chargebacks not reconciled', ownerId: chen.id, unitId: payments, inherentLikelihood: 3, inherentImpact: 3 } }, riskOwner(rafael));
    expect(handedOver.errors?.[0]).toMatchObject({
      message: 'only a programme manager (an administrator or the ISMS manager) may make someone else the owner of a new risk: name yourself, or leave the owner for a programme manager to assign',
      extensions: { code: 'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER', category: 'FORBIDDEN', details: { field: 'ownerId' } },
    });
    expect(await kit.counts()).toEqual(before0);
    const { createRisk: his } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Chargebacks not reconciled', ownerId: rafael.id, unitId: payments, inherentLikelihood: 3, inherentImpact: 3 } }, riskOwner(rafael));
    expect(his.owner).toEqual({ id: rafael.id });
    const { createRisk: unowned } = await kit.service.ok<{ createRisk: Risk }>(CREATE, { i: { title: 'Refund fraud', unitId: payments, inherentLikelihood: 2, inherentImpact: 3 } }, riskOwner(rafael));
    expect(unowned.owner).toBeNull();

    // The same holds for a file of risks he imports: rows naming someone else are reported, his own are imported.
    const csv = ['title,owner_email,unit_id,inherent_likelihood,inherent_impact', `Card skimming at branches,${chen.email},${payments},3,4`, `Card skimming online,${rafael.email},${payments},3,4`].join('\n');
    const { startRiskImport } = await kit.service.ok<{ startRiskImport: { id: string } }>(IMPORT, { i: { kind: 'RISKS', format: 'CSV', filename: 'risks.csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun: false } }, riskOwner(rafael));
    const job = await eventually('the import finished', async () => {
      const { riskImportJob } = await kit.service.ok<{ riskImportJob: { status: string; importedRows: number; errors: { row: number; field: string; message: string }[] } }>(JOB, { id: startRiskImport.id }, riskOwner(rafael));
      return riskImportJob.status === 'RUNNING' ? undefined : riskImportJob;
    });
    expect(job).toMatchObject({
      status: 'COMPLETED_WITH_ERRORS',
      importedRows: 1,
      errors: [{ row: 2, field: 'owner_email', message: 'only a programme manager may make someone else the owner of a risk: give your own e-mail, or leave owner_email empty' }],
    });
    const imported: { title: string; owner_id: string }[] = await kit.service.deps.dataSource.query("SELECT title, owner_id FROM risk WHERE title LIKE 'Card skimming%'");
    expect(imported).toEqual([{ title: 'Card skimming online', owner_id: rafael.id }]);

    // A programme manager reassigns: the new owner is recorded, with the time the ownership changed.
    const before = await snapshot(others.id);
    const { updateRisk: reassigned } = await kit.service.ok<{ updateRisk: Risk }>(UPDATE, { i: { riskId: others.id, ownerId: rafael.id } }, manager);
    expect(reassigned.owner).toEqual({ id: rafael.id });
    const after = await snapshot(others.id);
    expect(after.row.owner_assigned_at.getTime()).toBeGreaterThan(before.row.owner_assigned_at.getTime());
    expect(Date.parse(reassigned.ownerAssignedAt)).toBe(after.row.owner_assigned_at.getTime());
    expect(Date.parse(others.ownerAssignedAt)).toBe(before.row.owner_assigned_at.getTime());
    expect((await kit.events(others.id)).at(-1)?.data).toMatchObject({ ownerId: rafael.id });
  });

  it('makes a just-reassigned owner have the risk re-assessed, by someone else, before he accepts it', async () => {
    const risk = await riskOwnedBy(chen, `Cardholder data exposed through excessive access rights ${randomUUID()}`);
    await kit.service.ok(UPDATE, { i: { riskId: risk.id, ownerId: rafael.id } }, manager);

    // The residual assessment was recorded under the previous owner.
    await expectRefused(ACCEPT, { riskId: risk.id, note: 'Accepted for the certification period' }, riskOwner(rafael), 'RESIDUAL_PREDATES_OWNER', /was recorded before Rafael Ortiz became its owner .*: have the residual risk re-assessed before accepting it/);

    // He re-assesses it himself (lower, still above appetite) and tries to accept his own score: refused.
    const { reassessRisk: lowered } = await kit.service.ok<{ reassessRisk: Risk }>(REASSESS, { i: { riskId: risk.id, kind: 'RESIDUAL', likelihood: 3, impact: 4 } }, riskOwner(rafael));
    expect(lowered.needsAcceptance).toBe(true);
    await expectRefused(
      ACCEPT,
      { riskId: risk.id, note: 'Accepted for the certification period' },
      riskOwner(rafael),
      'SELF_ASSESSED_RESIDUAL',
      /you recorded the residual assessment of ".+" yourself: someone else must assess the residual risk before you, its owner, accept it \(segregation of duties\)/,
    );
    // Nobody else may sign for him meanwhile.
    await expectRefused(ACCEPT, { riskId: risk.id, note: 'On his behalf' }, manager, 'NOT_THE_RISK_OWNER', /only the risk owner \(Rafael Ortiz\) may accept/);

    // The ISMS manager assesses it: now the owner accepts, and the acceptance names him.
    await kit.service.ok(REASSESS, { i: { riskId: risk.id, kind: 'RESIDUAL', likelihood: 4, impact: 3, note: 'After quarterly access reviews' } }, manager);
    const signer = riskOwner(rafael);
    const { acceptResidualRisk } = await kit.service.ok<{ acceptResidualRisk: Risk }>(ACCEPT, { i: { riskId: risk.id, note: 'Accepted for the certification period' } }, signer);
    expect(acceptResidualRisk).toMatchObject({ needsAcceptance: false, acceptance: { acceptedBy: signer.sub, note: 'Accepted for the certification period', person: { id: rafael.id } } });
  });

  it('holds a programme manager who makes himself the owner to the same rules', async () => {
    const risk = await riskOwnedBy(chen, `Branch cash-handling system without a second site ${randomUUID()}`);
    const irisAsManager = testClaims([Role.IsmsManager], { email: iris.email, name: iris.name });
    await kit.service.ok(UPDATE, { i: { riskId: risk.id, ownerId: iris.id } }, irisAsManager);
    await expectRefused(ACCEPT, { riskId: risk.id, note: 'Mine now' }, irisAsManager, 'RESIDUAL_PREDATES_OWNER', /was recorded before Iris Mendes became its owner/);
    await kit.service.ok(REASSESS, { i: { riskId: risk.id, kind: 'RESIDUAL', likelihood: 4, impact: 3 } }, irisAsManager);
    await expectRefused(ACCEPT, { riskId: risk.id, note: 'Mine now' }, irisAsManager, 'SELF_ASSESSED_RESIDUAL', /yourself/);

    await kit.service.ok(REASSESS, { i: { riskId: risk.id, kind: 'RESIDUAL', likelihood: 4, impact: 3, note: 'Second opinion' } }, manager);
    const { acceptResidualRisk } = await kit.service.ok<{ acceptResidualRisk: Risk }>(ACCEPT, { i: { riskId: risk.id, note: 'The fallback procedure covers two days' } }, irisAsManager);
    expect(acceptResidualRisk.acceptance).toMatchObject({ acceptedBy: irisAsManager.sub, person: { id: iris.id } });
  });
});
