import { certificateExpiry, cycleDates, daysBetween, recommendationBlockers, reminderDue, shiftDate } from '../certification.rules';

describe('certification cycle rules', () => {
  it('dates a certificate three years less a day, with surveillance in years one and two and recertification 90 days before expiry', () => {
    expect(certificateExpiry('2027-03-15')).toBe('2030-03-14');
    expect(cycleDates('2027-03-15', '2030-03-14')).toEqual({ SURVEILLANCE_1: '2028-03-14', SURVEILLANCE_2: '2029-03-14', RECERTIFICATION: '2029-12-14', EXPIRY: '2030-03-14' });
    expect(shiftDate('2028-02-29', { years: 1 })).toBe('2029-03-01');
    expect(daysBetween('2027-12-31', '2028-01-07')).toBe(7);
  });

  it('sends the nearest reminder window reached, then overdue, and nothing once done', () => {
    expect(reminderDue('2027-06-30', '2027-03-01', false)).toBeNull();
    expect(reminderDue('2027-06-30', '2027-04-01', false)).toBe('in-90');
    expect(reminderDue('2027-06-30', '2027-06-01', false)).toBe('in-30');
    expect(reminderDue('2027-06-30', '2027-06-30', false)).toBe('in-7');
    expect(reminderDue('2027-06-30', '2027-07-01', false)).toBe('overdue');
    expect(reminderDue('2027-06-30', '2027-06-25', true)).toBeNull();
  });

  it('blocks the recommendation on an open major, and on an open minor without a plan', () => {
    expect(
      recommendationBlockers([
        { id: 'a', severity: 'MAJOR_NONCONFORMITY', status: 'OPEN', correctiveActionStatus: 'PLANNED' },
        { id: 'b', severity: 'MINOR_NONCONFORMITY', status: 'OPEN', correctiveActionStatus: 'OPEN' },
        { id: 'c', severity: 'MINOR_NONCONFORMITY', status: 'OPEN', correctiveActionStatus: 'PLANNED' },
        { id: 'd', severity: 'MAJOR_NONCONFORMITY', status: 'CLOSED', correctiveActionStatus: 'EFFECTIVE' },
        { id: 'e', severity: 'OBSERVATION', status: 'OPEN', correctiveActionStatus: null },
      ]),
    ).toEqual(['major nonconformity a is open', 'minor nonconformity b has no accepted plan']);
  });
});
