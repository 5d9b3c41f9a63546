import { addDays, dueDateOf, nextPeriod, periodOf, reminderDue, reminderKey, transition } from '../evidence-request.rules';

describe('evidence request periods, due dates, transitions and reminders', () => {
  it('puts a day in its calendar month, quarter or year, and a one-off from that day on', () => {
    expect(periodOf('MONTHLY', '2026-02-14')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('MONTHLY', '2028-02-29')).toEqual({ key: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('QUARTERLY', '2026-12-02')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('QUARTERLY', '2026-04-01')).toEqual({ key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('YEARLY', '2026-07-09')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOf('ONCE', '2026-07-09')).toEqual({ key: 'ONCE', start: '2026-07-09', end: null });
  });

  it('rolls a period over into the next one, across year ends; a one-off has none', () => {
    expect(nextPeriod('MONTHLY', periodOf('MONTHLY', '2026-12-31'))).toEqual({ key: '2027-01', start: '2027-01-01', end: '2027-01-31' });
    expect(nextPeriod('QUARTERLY', periodOf('QUARTERLY', '2026-11-30'))).toEqual({ key: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
    expect(nextPeriod('YEARLY', periodOf('YEARLY', '2026-01-01'))?.key).toBe('2027');
    expect(nextPeriod('ONCE', periodOf('ONCE', '2026-01-01'))).toBeNull();
  });

  it('makes evidence due two weeks after its period ends, and a one-off 30 days after it opens', () => {
    expect(dueDateOf(periodOf('MONTHLY', '2026-12-02'), '2026-12-02')).toBe('2027-01-14');
    expect(dueDateOf(periodOf('ONCE', '2026-12-02'), '2026-12-02')).toBe('2027-01-01');
    // Opened for a period long past (a late replica event): still two weeks from opening, never in the past.
    expect(dueDateOf(periodOf('MONTHLY', '2026-01-10'), '2026-12-02')).toBe('2026-12-16');
  });

  it('moves a request open → submitted → changes requested → submitted → accepted, and nowhere else', () => {
    expect(transition('OPEN', 'SUBMIT')).toBe('SUBMITTED');
    expect(transition('SUBMITTED', 'REQUEST_CHANGES')).toBe('CHANGES_REQUESTED');
    expect(transition('CHANGES_REQUESTED', 'SUBMIT')).toBe('SUBMITTED');
    expect(transition('SUBMITTED', 'ACCEPT')).toBe('ACCEPTED');
    expect(transition('OPEN', 'ACCEPT')).toBeNull();
    expect(transition('ACCEPTED', 'SUBMIT')).toBeNull();
    expect(transition('ACCEPTED', 'CANCEL')).toBeNull();
    expect(transition('CHANGES_REQUESTED', 'CANCEL')).toBe('CANCELLED');
    expect(transition('CANCELLED', 'SUBMIT')).toBeNull();
  });

  it('reminds a week before, a day before and once overdue, sending only the latest window a run finds', () => {
    const due = '2026-12-20';
    expect(reminderDue(due, addDays(due, -8))).toBeNull();
    expect(reminderDue(due, addDays(due, -7))).toBe('DUE_IN_7_DAYS');
    expect(reminderDue(due, addDays(due, -2))).toBe('DUE_IN_7_DAYS');
    expect(reminderDue(due, addDays(due, -1))).toBe('DUE_IN_1_DAY');
    expect(reminderDue(due, due)).toBe('DUE_IN_1_DAY');
    expect(reminderDue(due, addDays(due, 1))).toBe('OVERDUE');
    expect(reminderKey('r', 'p', due, 'OVERDUE')).toBe('evidence-request:r:p:2026-12-20:OVERDUE');
  });
});
