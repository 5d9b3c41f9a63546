import { ANNEX_A, CLAUSE_REQUIREMENTS } from '@iso27001/iso27001';
import { allGapItems, gapItem, gapRollUps, isParentRequirement, questionFor, readinessPercent, rollUp } from '../gap-analysis.rules';

describe('gap analysis items', () => {
  it('assesses each clause requirement without sub-clauses, then the 93 controls, each with its own question', () => {
    const items = allGapItems();
    const parents = new Set(CLAUSE_REQUIREMENTS.map((r) => r.parentId).filter(Boolean));
    const leaves = CLAUSE_REQUIREMENTS.filter((r) => !parents.has(r.id));
    expect(items.filter((item) => item.kind === 'CLAUSE').map((item) => item.id)).toEqual(leaves.map((r) => r.id));
    expect(items.filter((item) => item.kind === 'CONTROL')).toHaveLength(ANNEX_A.length);
    expect(new Set(items.map(questionFor)).size).toBe(items.length);
    expect(gapItem('6.1.2')?.kind).toBe('CLAUSE');
    expect(gapItem('6.1')).toBeUndefined();
    expect(isParentRequirement('6.1')).toBe(true);
    expect(gapItem('A.8.34')?.kind).toBe('CONTROL');
  });
});

describe('readiness', () => {
  it('is the sum of scores over 3 per item, with items not assessed counting 0', () => {
    expect(readinessPercent([])).toBe(0);
    expect(readinessPercent([3, 3])).toBe(100);
    expect(readinessPercent([3, null])).toBe(50);
    expect(readinessPercent([1, 2, 0])).toBe(33.3);
    expect(rollUp('4', [0, 1, 2, 3, null])).toEqual({
      key: '4',
      total: 5,
      assessed: 4,
      counts: { NOT_IN_PLACE: 1, PARTIAL: 1, LARGELY: 1, FULLY: 1 },
      readinessPercent: 40,
    });
  });

  it('rolls up per clause and per theme, and overall across both', () => {
    const items = allGapItems();
    const scores = new Map<string, number>([
      ['4.1', 3],
      ['4.2', 3],
      ['A.5.1', 3],
      ['A.8.1', 1],
    ]);
    const rollUps = gapRollUps(items, scores);
    expect(rollUps.byClause.map((r) => r.key)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const clause4 = rollUps.byClause[0]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const clause4Items = items.filter((item) => item.kind === 'CLAUSE' && item.clause === 4).length;
    expect(clause4).toMatchObject({ total: clause4Items, assessed: 2, readinessPercent: Math.round((6 / (3 * clause4Items)) * 1000) / 10 });
    expect(rollUps.byTheme.map((r) => [r.key, r.total])).toEqual([
      ['ORGANIZATIONAL', 37],
      ['PEOPLE', 8],
      ['PHYSICAL', 14],
      ['TECHNOLOGICAL', 34],
    ]);
    expect(rollUps.byTheme[3]).toMatchObject({ assessed: 1, counts: { PARTIAL: 1 } });
    expect(rollUps.overall).toMatchObject({ total: items.length, assessed: 4, readinessPercent: Math.round((10 / (3 * items.length)) * 1000) / 10 });
    expect(rollUps.controlsOverall.total + rollUps.clausesOverall.total).toBe(items.length);
  });
});
