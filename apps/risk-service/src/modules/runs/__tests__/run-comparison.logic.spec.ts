import { compareRuns, RunItem } from '../run-comparison.logic';

function item(riskId: string, overrides: Partial<RunItem> = {}): RunItem {
  return {
    riskId,
    title: `Risk ${riskId}`,
    status: 'OPEN',
    treatment: null,
    inherentVersion: 1,
    inherentLikelihood: 3,
    inherentImpact: 4,
    inherentLevel: 'HIGH',
    residualVersion: null,
    residualLikelihood: null,
    residualImpact: null,
    residualLevel: null,
    accepted: false,
    needsAcceptance: false,
    ...overrides,
  };
}

describe('comparing assessment runs', () => {
  it('finds added, removed and changed risks with before/after values and deltas', () => {
    const before = [item('a'), item('b'), item('c')];
    const after = [
      item('a'),
      item('c', { inherentLikelihood: 2, inherentLevel: 'MEDIUM', residualVersion: 2, residualLikelihood: 1, residualImpact: 2, residualLevel: 'LOW', treatment: 'MODIFY' }),
      item('d', { title: 'A new risk' }),
    ];
    const result = compareRuns(before, after);
    expect(result.added.map((i) => i.riskId)).toEqual(['d']);
    expect(result.removed.map((i) => i.riskId)).toEqual(['b']);
    expect(result.unchanged).toBe(1);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0].changes).toEqual([
      { field: 'treatment', before: null, after: 'MODIFY', delta: null },
      { field: 'inherentLikelihood', before: '3', after: '2', delta: -1 },
      { field: 'inherentScore', before: '12', after: '8', delta: -4 },
      { field: 'inherentLevel', before: 'HIGH', after: 'MEDIUM', delta: null },
      { field: 'residualVersion', before: null, after: '2', delta: null },
      { field: 'residualLikelihood', before: null, after: '1', delta: null },
      { field: 'residualImpact', before: null, after: '2', delta: null },
      { field: 'residualScore', before: null, after: '2', delta: null },
      { field: 'residualLevel', before: null, after: 'LOW', delta: null },
    ]);
  });

  it('reports nothing for identical runs and everything for an empty first run', () => {
    const run = [item('a'), item('b')];
    expect(compareRuns(run, run)).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
    expect(compareRuns([], run).added).toHaveLength(2);
    expect(compareRuns(run, []).removed).toHaveLength(2);
  });
});
