import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit } from './risk-test-kit';

const HEAT_MAP = '{ riskHeatMap { methodologyVersion inherent { likelihood impact level count } residual { count } inherentOnOtherVersions residualOnOtherVersions } }';
const METHODOLOGY = '{ riskMethodology { id version appetite publishedBy builtIn publishedAt matrix { level } } }';
const VERSIONS = '{ riskMethodologyVersions { id version } }';

interface HeatMap {
  riskHeatMap: { methodologyVersion: number; inherent: { likelihood: number; impact: number; level: string; count: number }[] };
}
interface CurrentMethodology {
  riskMethodology: { id: string; version: number; appetite: string; publishedBy: string; builtIn: boolean; publishedAt: string | null; matrix: { level: string }[] };
}

/** The default methodology exists from the start: reading it, or anything scored by it, never writes. */
describe('risk-service: reads of the methodology only read', () => {
  const kit = new RiskTestKit('riskreads');
  const auditor = testClaims([Role.InternalAuditor]);

  beforeAll(async () => kit.start());
  afterAll(async () => kit.stop());

  it('shows the heat map and the default v1 of a new organisation without writing a methodology or an event', async () => {
    const before = await kit.counts();
    expect(before).toMatchObject({ risk_methodology: 0, outbox_event: 0 });

    const map = await kit.service.ok<HeatMap>(HEAT_MAP, {}, auditor);
    expect(map.riskHeatMap.methodologyVersion).toBe(1);
    expect(map.riskHeatMap.inherent).toHaveLength(25);
    expect(map.riskHeatMap.inherent.every((cell) => cell.count === 0)).toBe(true);
    const first = await kit.service.ok<CurrentMethodology>(METHODOLOGY, {}, auditor);
    expect(first.riskMethodology).toMatchObject({ version: 1, appetite: 'MEDIUM', publishedBy: 'system', builtIn: true, publishedAt: null });
    expect(first.riskMethodology.matrix).toHaveLength(25);
    const versions = await kit.service.ok<{ riskMethodologyVersions: { id: string; version: number }[] }>(VERSIONS, {}, auditor);
    expect(versions.riskMethodologyVersions).toEqual([{ id: first.riskMethodology.id, version: 1 }]);
    const byVersion = await kit.service.ok<{ riskMethodology: { id: string } }>('{ riskMethodology(version: 1) { id } }', {}, auditor);
    expect(byVersion.riskMethodology.id).toBe(first.riskMethodology.id);

    expect(await kit.counts()).toEqual(before);
  });

  it('scores a new risk under the default v1 without storing it, and publishes the organisation\'s own methodology as v2', async () => {
    const owner = await kit.person('Rafael Ortiz');
    const before = await kit.counts();
    const { createRisk } = await kit.service.ok<{ createRisk: { id: string; inherentVersion: number; inherentLevel: string } }>(
      'mutation($i: CreateRiskInput!) { createRisk(input: $i) { id inherentVersion inherentLevel } }',
      { i: { title: 'Ransomware encrypts the file servers', ownerId: owner.id, inherentLikelihood: 4, inherentImpact: 5 } },
    );
    expect(createRisk).toMatchObject({ inherentVersion: 1, inherentLevel: 'CRITICAL' });
    const after = await kit.counts();
    expect(after.risk_methodology).toBe(before.risk_methodology);
    const types: { type: string }[] = await kit.service.deps.dataSource.query("SELECT envelope->>'type' AS type FROM outbox_event ORDER BY seq");
    expect(types.map((row) => row.type)).not.toContain('risk.methodology.published');

    const map = await kit.service.ok<HeatMap>(HEAT_MAP, {}, auditor);
    expect(map.riskHeatMap.inherent.filter((cell) => cell.count > 0)).toEqual([{ likelihood: 4, impact: 5, level: 'CRITICAL', count: 1 }]);
    expect(await kit.counts()).toEqual(after);

    const scale = [1, 2, 3].map((value) => ({ value, label: `Level ${value}`, description: `Scale level ${value}` }));
    const { submitRiskMethodology } = await kit.service.ok<{ submitRiskMethodology: { id: string } }>(
      'mutation($i: PublishRiskMethodologyInput!) { submitRiskMethodology(input: $i) { id } }',
      {
        i: {
          likelihoodScale: scale,
          impactScale: scale,
          levels: [
            { key: 'LOW', label: 'Low' },
            { key: 'HIGH', label: 'High' },
          ],
          matrix: scale.flatMap((l) => scale.map((i) => ({ likelihood: l.value, impact: i.value, level: l.value * i.value <= 3 ? 'LOW' : 'HIGH' }))),
          appetite: 'LOW',
          expectedCurrentVersion: 1,
        },
      },
    );
    const { approveRiskMethodology: publishRiskMethodology } = await kit.service.ok<{ approveRiskMethodology: { version: number } }>(
      'mutation($id: ID!) { approveRiskMethodology(id: $id) { version } }',
      { id: submitRiskMethodology.id },
      testClaims([Role.Executive]),
    );
    expect(publishRiskMethodology.version).toBe(2);
    const versions = await kit.service.ok<{ riskMethodologyVersions: { version: number }[] }>(VERSIONS, {}, auditor);
    expect(versions.riskMethodologyVersions.map((v) => v.version)).toEqual([2, 1]);
    expect((await kit.counts()).risk_methodology).toBe(1);
    const own = await kit.service.ok<{ riskMethodology: { builtIn: boolean; publishedAt: string | null } }>('{ riskMethodology { builtIn publishedAt } }', {}, auditor);
    expect(own.riskMethodology.builtIn).toBe(false);
    expect(Date.parse(own.riskMethodology.publishedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
