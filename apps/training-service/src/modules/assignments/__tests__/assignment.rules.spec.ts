import { isOverdue, todayUtc } from '../assignment.rules';

describe('assignment rules', () => {
  it('calls an assignment overdue once its due date has passed, unless it is completed', () => {
    expect(isOverdue({ status: 'ASSIGNED', dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
    expect(isOverdue({ status: 'OVERDUE', dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
    expect(isOverdue({ status: 'ASSIGNED', dueOn: '2026-03-10' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ status: 'ASSIGNED', dueOn: '2026-04-01' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ status: 'COMPLETED', dueOn: '2026-01-01' }, '2026-03-10')).toBe(false);
  });

  it('takes today in UTC', () => {
    expect(todayUtc(new Date('2026-03-10T23:59:59.999Z'))).toBe('2026-03-10');
    expect(todayUtc(new Date('2026-03-10T00:00:00+02:00'))).toBe('2026-03-09');
  });
});
