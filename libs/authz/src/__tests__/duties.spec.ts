import { approvalConflict } from '../index';

describe('segregation of duties on approval', () => {
  const draft = { submittedBy: 'sub-a', submittedByEmail: 'Ann@bank.example', contributors: ['sub-a', 'sub-b'], contributorEmails: ['carl@bank.example'] };

  it('refuses the submitter, by subject or by e-mail', () => {
    expect(approvalConflict({ sub: 'sub-a' }, draft)).toBe('submitter');
    expect(approvalConflict({ sub: 'sub-x', email: 'ann@bank.example' }, draft)).toBe('submitter');
  });

  it('refuses a contributor, by subject or by e-mail', () => {
    expect(approvalConflict({ sub: 'sub-b' }, draft)).toBe('contributor');
    expect(approvalConflict({ sub: 'sub-y', email: 'CARL@bank.example' }, draft)).toBe('contributor');
  });

  it('lets anyone else approve', () => {
    expect(approvalConflict({ sub: 'sub-c', email: 'dora@bank.example' }, draft)).toBeNull();
    expect(approvalConflict({ sub: 'sub-c' }, { submittedBy: 'sub-a', contributors: [] })).toBeNull();
  });
});
