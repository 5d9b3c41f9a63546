import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit } from './risk-test-kit';

const SUBMIT = 'mutation($i: PublishRiskMethodologyInput!) { submitRiskMethodology(input: $i) { id status baseVersion contributors proposed { version appetite } } }';
const REVISE = 'mutation($id: ID!, $i: PublishRiskMethodologyInput!) { reviseRiskMethodologyDraft(id: $id, input: $i) { id contributors proposed { appetite } } }';
const APPROVE = 'mutation($id: ID!) { approveRiskMethodology(id: $id) { version appetite publishedBy } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectRiskMethodology(id: $id, reason: $reason) { status decisionNote } }';
const DRAFTS = 'query($status: RiskMethodologyDraftStatus) { riskMethodologyDrafts(status: $status) { id status publishedVersion decidedBy } }';
const CURRENT = '{ riskMethodology { version appetite } }';

function threeByThree(appetite: 'LOW' | 'HIGH' = 'LOW') {
  const scale = [1, 2, 3].map((value) => ({ value, label: `Level ${value}`, description: `Scale level ${value}` }));
  return {
    likelihoodScale: scale,
    impactScale: scale,
    levels: [
      { key: 'LOW', label: 'Low' },
      { key: 'HIGH', label: 'High' },
    ],
    matrix: scale.flatMap((l) => scale.map((i) => ({ likelihood: l.value, impact: i.value, level: l.value * i.value <= 3 ? 'LOW' : 'HIGH' }))),
    appetite,
  };
}

type Claims = ReturnType<typeof testClaims>;
const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.['code'];

/**
 * Segregation of duties on the risk methodology: a programme manager submits a version, and only someone who neither
 * submitted nor revised it approves it; until then nothing is published and assessments keep scoring on the version
 * in force. A rejected draft publishes nothing.
 */
describe('risk-service: a methodology version is submitted, then approved by someone else', () => {
  const kit = new RiskTestKit('methodology-approval');
  const submitter: Claims = testClaims([Role.IsmsManager], { email: 'ines.manager@bank.example' });
  const reviser: Claims = testClaims([Role.IsmsManager], { email: 'rui.manager@bank.example' });
  const executive: Claims = testClaims([Role.Executive], { email: 'erin.exec@bank.example' });

  beforeAll(() => kit.start());
  afterAll(() => kit.stop());

  it('publishes nothing on submission, refuses the submitter and a reviser as approver, and publishes on approval by someone else', async () => {
    const { submitRiskMethodology: draft } = await kit.service.ok<{ submitRiskMethodology: { id: string; status: string; baseVersion: number; contributors: string[]; proposed: { version: number } } }>(
      SUBMIT,
      { i: threeByThree() },
      submitter,
    );
    expect(draft).toMatchObject({ status: 'SUBMITTED', baseVersion: 1, contributors: [submitter.sub], proposed: { version: 2 } });
    expect((await kit.service.ok<{ riskMethodology: { version: number } }>(CURRENT, {}, executive)).riskMethodology.version).toBe(1);

    const second = await kit.service.request(SUBMIT, { i: threeByThree('HIGH') }, reviser);
    expect(codeOf(second)).toBe('METHODOLOGY_DRAFT_PENDING');

    const before = await kit.counts();
    const own = await kit.service.request(APPROVE, { id: draft.id }, submitter);
    expect(own.errors?.[0]).toMatchObject({ message: 'you submitted this methodology draft, so someone else must approve it', extensions: { code: 'SELF_APPROVAL' } });
    // The same person under another token (same e-mail) is still the submitter.
    expect(codeOf(await kit.service.request(APPROVE, { id: draft.id }, testClaims([Role.Admin], { email: 'INES.manager@bank.example' })))).toBe('SELF_APPROVAL');
    expect(codeOf(await kit.service.request(APPROVE, { id: draft.id }, testClaims([Role.RiskOwner])))).toBe('FORBIDDEN');
    expect(await kit.counts()).toEqual(before);

    const { reviseRiskMethodologyDraft: revised } = await kit.service.ok<{ reviseRiskMethodologyDraft: { contributors: string[]; proposed: { appetite: string } } }>(
      REVISE,
      { id: draft.id, i: threeByThree('HIGH') },
      reviser,
    );
    expect(revised).toMatchObject({ contributors: [submitter.sub, reviser.sub], proposed: { appetite: 'HIGH' } });
    const byReviser = await kit.service.request(APPROVE, { id: draft.id }, testClaims([Role.IsmsManager], { sub: reviser.sub, email: reviser.email }));
    expect(byReviser.errors?.[0]).toMatchObject({ message: 'you revised this methodology draft, so someone else must approve it', extensions: { code: 'SELF_APPROVAL' } });
    expect((await kit.counts()).risk_methodology).toBe(before['risk_methodology']);

    const { approveRiskMethodology: published } = await kit.service.ok<{ approveRiskMethodology: { version: number; appetite: string; publishedBy: string } }>(APPROVE, { id: draft.id }, executive);
    expect(published).toEqual({ version: 2, appetite: 'HIGH', publishedBy: executive.sub });
    expect((await kit.service.ok<{ riskMethodology: { version: number } }>(CURRENT, {}, submitter)).riskMethodology.version).toBe(2);
    const id = (await kit.service.deps.dataSource.query('SELECT id FROM risk_methodology WHERE version = 2'))[0].id as string;
    expect((await kit.events(id)).map((event) => event.type)).toEqual(['risk.methodology.published']);
    const { riskMethodologyDrafts } = await kit.service.ok<{ riskMethodologyDrafts: { id: string; status: string; publishedVersion: number | null; decidedBy: string | null }[] }>(DRAFTS, {}, executive);
    expect(riskMethodologyDrafts).toEqual([{ id: draft.id, status: 'PUBLISHED', publishedVersion: 2, decidedBy: executive.sub }]);
    expect(codeOf(await kit.service.request(APPROVE, { id: draft.id }, testClaims([Role.Admin])))).toBe('METHODOLOGY_DRAFT_DECIDED');
  });

  it('publishes nothing for a rejected draft, and needs a reason to reject', async () => {
    const { submitRiskMethodology: draft } = await kit.service.ok<{ submitRiskMethodology: { id: string } }>(SUBMIT, { i: threeByThree() }, submitter);
    expect(codeOf(await kit.service.request(REJECT, { id: draft.id, reason: '  ' }, executive))).toBe('REASON_REQUIRED');
    const { rejectRiskMethodology } = await kit.service.ok<{ rejectRiskMethodology: { status: string; decisionNote: string } }>(REJECT, { id: draft.id, reason: 'Appetite too low for the trading desk' }, executive);
    expect(rejectRiskMethodology).toEqual({ status: 'REJECTED', decisionNote: 'Appetite too low for the trading desk' });
    expect(codeOf(await kit.service.request(APPROVE, { id: draft.id }, testClaims([Role.Admin])))).toBe('METHODOLOGY_DRAFT_DECIDED');
    expect((await kit.service.ok<{ riskMethodology: { version: number } }>(CURRENT, {}, executive)).riskMethodology.version).toBe(2);
    expect(codeOf(await kit.service.request(APPROVE, { id: '00000000-0000-4000-8000-000000000000' }, executive))).toBe('METHODOLOGY_DRAFT_NOT_FOUND');
    expect(codeOf(await kit.service.request(APPROVE, { id: 'not-a-uuid' }, executive))).toBeDefined();
  });
});
