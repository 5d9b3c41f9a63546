import { CERTIFICATION_PHASES, isOverdue, progress } from '../plan.progress';

describe('certification plan figures', () => {
  it('has the eight phases of the seed in order', () => {
    expect(CERTIFICATION_PHASES.map((p) => p.key)).toEqual([
      'PLAN',
      'SCOPE',
      'RISK_AND_GAP',
      'POLICIES_AND_CONTROLS',
      'TRAINING',
      'EVIDENCE',
      'CERTIFICATION_AUDIT',
      'CONTINUOUS_COMPLIANCE',
    ]);
  });

  it('counts done over total, rounding the percentage down', () => {
    expect(progress([{ status: 'DONE' }, { status: 'TODO' }, { status: 'BLOCKED' }])).toEqual({ done: 1, total: 3, percent: 33 });
    expect(progress([{ status: 'DONE' }, { status: 'DONE' }])).toEqual({ done: 2, total: 2, percent: 100 });
    expect(progress([])).toEqual({ done: 0, total: 0, percent: 0 });
  });

  it('calls a task overdue when it is not done and due before the day', () => {
    expect(isOverdue({ status: 'TODO', dueDate: '2025-03-01' }, '2025-03-02')).toBe(true);
    expect(isOverdue({ status: 'BLOCKED', dueDate: '2025-03-01' }, '2025-03-02')).toBe(true);
    expect(isOverdue({ status: 'TODO', dueDate: '2025-03-02' }, '2025-03-02')).toBe(false);
    expect(isOverdue({ status: 'DONE', dueDate: '2025-03-01' }, '2025-03-02')).toBe(false);
    expect(isOverdue({ status: 'TODO', dueDate: null }, '2025-03-02')).toBe(false);
  });
});
