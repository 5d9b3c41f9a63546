import { byDueDate, duePhrase, evidenceTitleFor, urgencyOf } from '../evidence-request.format';

describe('urgencyOf', () => {
  const today = '2026-12-02';

  it('calls a request overdue from the day after its due date while evidence is owed', () => {
    expect(urgencyOf({ status: 'OPEN', dueDate: '2026-12-01' }, today)).toBe('OVERDUE');
    expect(urgencyOf({ status: 'CHANGES_REQUESTED', dueDate: '2026-11-20' }, today)).toBe('OVERDUE');
    expect(urgencyOf({ status: 'OPEN', dueDate: today }, today)).toBe('DUE_SOON');
  });

  it('never calls handed-in, accepted or cancelled requests overdue', () => {
    for (const status of ['SUBMITTED', 'ACCEPTED', 'CANCELLED'] as const) expect(urgencyOf({ status, dueDate: '2026-01-01' }, today)).toBe('DONE');
  });

  it('says due soon within the window and on time beyond it', () => {
    expect(urgencyOf({ status: 'OPEN', dueDate: '2026-12-09' }, today)).toBe('DUE_SOON');
    expect(urgencyOf({ status: 'OPEN', dueDate: '2026-12-10' }, today)).toBe('ON_TIME');
  });
});

describe('duePhrase', () => {
  it('says how late or how soon, in words', () => {
    expect(duePhrase({ status: 'OPEN', dueDate: '2026-11-29' }, '2026-12-02')).toBe('overdue by 3 days');
    expect(duePhrase({ status: 'OPEN', dueDate: '2026-12-01' }, '2026-12-02')).toBe('overdue by 1 day');
    expect(duePhrase({ status: 'OPEN', dueDate: '2026-12-02' }, '2026-12-02')).toBe('due today');
    expect(duePhrase({ status: 'OPEN', dueDate: '2026-12-03' }, '2026-12-02')).toBe('due tomorrow');
    expect(duePhrase({ status: 'OPEN', dueDate: '2026-12-07' }, '2026-12-02')).toBe('due in 5 days');
    expect(duePhrase({ status: 'SUBMITTED', dueDate: '2026-11-01' }, '2026-12-02')).toBe('');
  });
});

describe('byDueDate and evidenceTitleFor', () => {
  it('orders soonest due first, stable by id', () => {
    const ordered = byDueDate([
      { id: 'b', dueDate: '2026-12-10' },
      { id: 'c', dueDate: '2026-11-30' },
      { id: 'a', dueDate: '2026-12-10' },
    ]);
    expect(ordered.map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('titles evidence by the requirement and its period', () => {
    expect(evidenceTitleFor({ period: '2026-Q4', requirement: { title: 'Restore test results' }, controlId: 'A.8.13' })).toBe('Restore test results — 2026-Q4');
    expect(evidenceTitleFor({ period: 'ONCE', requirement: { title: 'Backup policy' }, controlId: 'A.8.13' })).toBe('Backup policy');
    expect(evidenceTitleFor({ period: '2026', requirement: null, controlId: 'A.8.13' })).toBe('Evidence for A.8.13 — 2026');
  });
});
