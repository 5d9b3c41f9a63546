import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskService } from '../src/modules/risks/risk.service';
import { RiskTestKit } from './risk-test-kit';

/** What the gateway sends to resolve the Risk stubs another subgraph returned (an SoA entry's risks). */
const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Risk { id title status } } }';
const CREATE = 'mutation($input: CreateRiskInput!) { createRisk(input: $input) { id } }';

describe('risk-service: risks referred to by other subgraphs', () => {
  const kit = new RiskTestKit('risk-refs');
  const manager = testClaims([Role.IsmsManager]);
  let ransomware: string;
  let phishing: string;

  beforeAll(async () => {
    await kit.start();
    ransomware = (await kit.service.ok<{ createRisk: { id: string } }>(CREATE, { input: { title: 'Ransomware encrypts the file servers', inherentLikelihood: 3, inherentImpact: 5 } }, manager)).createRisk.id;
    phishing = (await kit.service.ok<{ createRisk: { id: string } }>(CREATE, { input: { title: 'Phishing steals credentials', inherentLikelihood: 4, inherentImpact: 3 } }, manager)).createRisk.id;
  });
  afterAll(() => kit.stop());
  afterEach(() => jest.restoreAllMocks());

  const representations = (...ids: string[]) => ids.map((id) => ({ __typename: 'Risk', id }));

  it('resolves a batch of references in one query, keeping their order, with null for an unknown or malformed id', async () => {
    const byIds = jest.spyOn(RiskService.prototype, 'byIds');
    const unknown = randomUUID();
    // An organisation-wide reader (an external auditor reaches only the units of their grant, and these risks have none).
    const result = await kit.service.request<{ _entities: unknown[] }>(ENTITIES, { representations: representations(phishing, unknown, 'not-a-risk-id', ransomware, phishing) }, testClaims([Role.InternalAuditor]));
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: phishing, title: 'Phishing steals credentials', status: 'OPEN' },
      null,
      null,
      { id: ransomware, title: 'Ransomware encrypts the file servers', status: 'OPEN' },
      { id: phishing, title: 'Phishing steals credentials', status: 'OPEN' },
    ]);
    expect(byIds).toHaveBeenCalledTimes(1);
    // The malformed id is answered null before the service looks (the platform's reference guard).
    expect([...byIds.mock.calls[0]![1]].sort()).toEqual([phishing, unknown, ransomware].sort());
  });

  it('reveals no risk to a caller who may not read the register', async () => {
    const byIds = jest.spyOn(RiskService.prototype, 'byIds');
    const result = await kit.service.request<{ _entities: unknown[] }>(ENTITIES, { representations: representations(ransomware, phishing) }, testClaims([Role.Employee]));
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, null]);
    expect(byIds).not.toHaveBeenCalled();
  });

  it('gives treatment plan rows their unit and controls as objects', async () => {
    const unitId = randomUUID();
    await kit.service.ok('mutation($input: UpdateRiskInput!) { updateRisk(input: $input) { id } }', { input: { riskId: ransomware, unitId } }, manager);
    await kit.service.ok(
      'mutation($input: TreatRiskInput!) { treatRisk(input: $input) { id } }',
      { input: { riskId: ransomware, treatment: 'MODIFY', rationale: 'Backups and malware protection', controlIds: ['A.8.13', 'A.8.7'] } },
      manager,
    );
    const { riskTreatmentPlan } = await kit.service.ok<{ riskTreatmentPlan: unknown[] }>('{ riskTreatmentPlan { riskId unitId unit { id } controlIds controls { id } } }', {}, testClaims([Role.InternalAuditor]));
    expect(riskTreatmentPlan).toEqual([{ riskId: ransomware, unitId, unit: { id: unitId }, controlIds: ['A.8.13', 'A.8.7'], controls: [{ id: 'A.8.13' }, { id: 'A.8.7' }] }]);
  });
});
