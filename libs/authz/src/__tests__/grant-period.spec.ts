import { grantPeriod, grantPeriodCondition, isEmptyPeriod, Role, withinGrantPeriod } from '../index';

const auditor = { roles: [Role.ExternalAuditor], periodStart: '2026-01-01', periodEnd: '2026-06-30' };

describe('grant period', () => {
  it('bounds an external auditor to the days of the grant, inclusive, in UTC', () => {
    expect(withinGrantPeriod(auditor, '2026-01-01')).toBe(true);
    expect(withinGrantPeriod(auditor, new Date('2026-06-30T23:59:59.999Z'))).toBe(true);
    expect(withinGrantPeriod(auditor, new Date('2025-12-31T23:59:59.999Z'))).toBe(false);
    expect(withinGrantPeriod(auditor, new Date('2026-07-01T00:00:00.000Z'))).toBe(false);
    expect(withinGrantPeriod(auditor, null)).toBe(false);
    expect(withinGrantPeriod(auditor, new Date('invalid'))).toBe(false);
  });

  it('does not bound anyone else', () => {
    const manager = { roles: [Role.IsmsManager] };
    expect(grantPeriod(manager)).toBeNull();
    expect(grantPeriodCondition(manager, 'x.at', 'date')).toBeNull();
    expect(withinGrantPeriod(manager, '1990-01-01')).toBe(true);
    expect(withinGrantPeriod(manager, null)).toBe(true);
  });

  it.each([
    ['no period', {}],
    ['only a start', { periodStart: '2026-01-01' }],
    ['only an end', { periodEnd: '2026-06-30' }],
    ['an inverted period', { periodStart: '2026-06-30', periodEnd: '2026-01-01' }],
    ['a malformed day', { periodStart: '2026-1-1', periodEnd: '2026-06-30' }],
  ])('fails closed for an auditor with %s: nothing dated is within it', (_name, period) => {
    const claims = { roles: [Role.ExternalAuditor], ...period };
    const bounds = grantPeriod(claims);
    expect(bounds && isEmptyPeriod(bounds)).toBe(true);
    for (const day of ['0001-01-01', '2026-03-01', '9999-12-31']) expect(withinGrantPeriod(claims, day)).toBe(false);
  });

  it('gives SQL bounds for a date or a timestamptz column, taking the UTC day of an instant', () => {
    expect(grantPeriodCondition(auditor, 'a.due_on', 'date')).toEqual({
      sql: '((a.due_on) IS NOT NULL AND (a.due_on) BETWEEN :grantPeriodStart::date AND :grantPeriodEnd::date)',
      parameters: { grantPeriodStart: '2026-01-01', grantPeriodEnd: '2026-06-30' },
    });
    expect(grantPeriodCondition(auditor, 'a.done_at', 'timestamptz')?.sql).toContain("((a.done_at) AT TIME ZONE 'UTC')::date");
  });
});
