import { defaultMethodology } from '../../methodology/methodology.logic';
import { heatMap } from '../heat-map.logic';
import { scoreRisk } from '../risk-scoring.logic';

const v1 = { ...defaultMethodology(), version: 1 };

describe('heat map and risk scoring', () => {
  it('gives every cell of the matrix with its level and count, zero where empty', () => {
    const cells = heatMap(v1, [
      { likelihood: 4, impact: 5, count: 3 },
      { likelihood: 1, impact: 1, count: 2 },
      { likelihood: 1, impact: 1, count: 1 },
      { likelihood: 9, impact: 9, count: 7 },
    ]);
    expect(cells).toHaveLength(25);
    expect(cells[0]).toEqual({ likelihood: 1, impact: 1, level: 'LOW', count: 3 });
    expect(cells.find((c) => c.likelihood === 4 && c.impact === 5)).toEqual({ likelihood: 4, impact: 5, level: 'CRITICAL', count: 3 });
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(6);
  });

  it('uses the residual assessment when there is one and flags residual risk above appetite until accepted', () => {
    const base = { inherentLikelihood: 5, inherentImpact: 5, residualLikelihood: null, residualImpact: null, status: 'OPEN' as const, accepted: false };
    expect(scoreRisk(base, v1, null)).toMatchObject({ inherentLevel: 'CRITICAL', currentLevel: 'CRITICAL', residualLevel: null, needsAcceptance: false });
    const residualHigh = { ...base, residualLikelihood: 4, residualImpact: 4 };
    expect(scoreRisk(residualHigh, v1, v1)).toMatchObject({ residualLevel: 'HIGH', currentLevel: 'HIGH', currentScore: 16, needsAcceptance: true });
    expect(scoreRisk({ ...residualHigh, accepted: true }, v1, v1).needsAcceptance).toBe(false);
    expect(scoreRisk({ ...residualHigh, status: 'CLOSED' }, v1, v1).needsAcceptance).toBe(false);
    expect(scoreRisk({ ...base, residualLikelihood: 3, residualImpact: 3 }, v1, v1)).toMatchObject({ residualLevel: 'MEDIUM', needsAcceptance: false });
  });
});
