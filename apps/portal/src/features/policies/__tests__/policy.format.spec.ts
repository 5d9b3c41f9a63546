import { approverRoleLabel, audienceLabel, formatBytes, isApproverRole, reviewTone } from '../policy.format';

describe('approver roles', () => {
  it('names the approver role as the portal names roles elsewhere, and knows whether the person works as that role', () => {
    expect(approverRoleLabel('ISMS_MANAGER')).toBe('ISMS manager');
    expect(approverRoleLabel('EXECUTIVE')).toBe('Executive');
    expect(approverRoleLabel('ADMIN')).toBe('Administrator');
    expect(approverRoleLabel(null)).toBe('—');

    expect(isApproverRole('executive', 'EXECUTIVE')).toBe(true);
    expect(isApproverRole('isms_manager', 'ISMS_MANAGER')).toBe(true);
    expect(isApproverRole('admin', 'EXECUTIVE')).toBe(false);
    expect(isApproverRole(null, 'EXECUTIVE')).toBe(false);
  });
});

describe('audienceLabel', () => {
  const units = new Map([['u1', 'Engineering']]);

  it('says everyone, or names the units and job roles', () => {
    expect(audienceLabel({ everyone: true, unitIds: ['u1'], jobRoles: ['Developer'] }, units)).toBe('Everyone');
    expect(audienceLabel({ everyone: false, unitIds: ['u1', 'gone'], jobRoles: ['Developer'] }, units)).toBe('Engineering, a unit no longer in the register, job role “Developer”');
    expect(audienceLabel({ everyone: false, unitIds: [], jobRoles: [] }, units)).toBe('Nobody yet');
  });
});

describe('reviewTone', () => {
  const today = '2026-02-10';

  it('is overdue before today, soon up to 30 days ahead (across a year end too), later after that, and none without a date', () => {
    expect(reviewTone('2026-02-09', today)).toBe('overdue');
    expect(reviewTone('2026-02-10', today)).toBe('soon');
    expect(reviewTone('2026-03-12', today)).toBe('soon');
    expect(reviewTone('2026-03-13', today)).toBe('later');
    expect(reviewTone(null, today)).toBe('none');
    expect(reviewTone(undefined, today)).toBe('none');
    expect(reviewTone('2027-01-14', '2026-12-15')).toBe('soon');
    expect(reviewTone('2027-01-15', '2026-12-15')).toBe('later');
  });
});

describe('formatBytes', () => {
  it('writes a file size in bytes, KB or MB', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(250 * 1024)).toBe('250 KB');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MB');
    expect(formatBytes(1.45 * 1024 * 1024)).toBe('1.4 MB');
  });
});

describe('formatBytes near a unit boundary', () => {
  it('rounds before choosing the unit', () => {
    expect(formatBytes(1_048_300)).toBe('1.0 MB');
    expect(formatBytes(1_047_000)).toBe('1022 KB');
  });
});
