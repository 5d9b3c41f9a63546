import { addDays, addMonths, completionRate, exemptReasonProblem, nextRoundOn, normaliseJobRole, reminderDue, reminderKey } from '../campaign.rules';

describe('campaign rules', () => {
  it('adds days and months across month ends and leap years', () => {
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
    expect(addMonths('2030-01-31', 1)).toBe('2030-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2030-11-15', 3)).toBe('2031-02-15');
  });

  it('schedules the next round by recurrence', () => {
    expect(nextRoundOn('2030-05-10', 'NONE', null)).toBeNull();
    expect(nextRoundOn('2030-05-10', 'YEARLY', null)).toBe('2031-05-10');
    expect(nextRoundOn('2030-05-10', 'MONTHS', 6)).toBe('2030-11-10');
  });

  it('owes a reminder a week ahead, the day before and once overdue', () => {
    const today = '2030-06-10';
    expect(reminderDue('2030-06-18', today)).toBeNull();
    expect(reminderDue('2030-06-17', today)).toBe('DUE_IN_7_DAYS');
    expect(reminderDue('2030-06-12', today)).toBe('DUE_IN_7_DAYS');
    expect(reminderDue('2030-06-11', today)).toBe('DUE_IN_1_DAY');
    expect(reminderDue('2030-06-10', today)).toBe('DUE_IN_1_DAY');
    expect(reminderDue('2030-06-09', today)).toBe('OVERDUE');
    expect(reminderKey('a', '2030-06-09', 'OVERDUE')).toBe('training-assignment:a:2030-06-09:OVERDUE');
  });

  it('normalises job roles, rates and exemption reasons', () => {
    expect(normaliseJobRole('  Team   LEAD ')).toBe('team lead');
    expect(completionRate({ total: 0, completed: 0 })).toBe(0);
    expect(completionRate({ total: 3, completed: 1 })).toBe(33.3);
    expect(exemptReasonProblem(' x ')).toMatch(/needs a reason/);
    expect(exemptReasonProblem('On leave')).toBeNull();
  });
});
