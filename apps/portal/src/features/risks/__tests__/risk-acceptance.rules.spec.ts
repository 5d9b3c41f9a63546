import { acceptanceBlock } from '../risk-acceptance.rules';

describe('whether the risk owner may sign the acceptance now', () => {
  const assigned = '2026-03-01T10:00:00.000Z';
  const residual = (assessedBy: string, assessedAt: string) => ({ kind: 'RESIDUAL', assessedBy, assessedAt });

  it('lets the owner sign the latest residual assessment someone else recorded after the ownership began', () => {
    expect(acceptanceBlock('owner', { ownerAssignedAt: assigned, assessments: [{ kind: 'INHERENT', assessedBy: 'owner', assessedAt: '2026-03-01T11:00:00.000Z' }, residual('manager', '2026-03-01T10:30:00.000Z')] })).toBeNull();
  });

  it('asks for a re-assessment when the residual assessment in force predates the owner', () => {
    expect(acceptanceBlock('owner', { ownerAssignedAt: assigned, assessments: [residual('manager', '2026-02-01T09:00:00.000Z')] })).toBe('RESIDUAL_PREDATES_OWNER');
    // The latest one counts, whatever the order the list comes in.
    expect(acceptanceBlock('owner', { ownerAssignedAt: assigned, assessments: [residual('manager', '2026-03-02T09:00:00.000Z'), residual('manager', '2026-02-01T09:00:00.000Z')] })).toBeNull();
  });

  it('asks for someone else\'s assessment when the owner recorded the one in force', () => {
    expect(acceptanceBlock('owner', { ownerAssignedAt: assigned, assessments: [residual('manager', '2026-03-01T10:10:00.000Z'), residual('owner', '2026-03-01T10:20:00.000Z')] })).toBe('SELF_ASSESSED_RESIDUAL');
  });

  it('has nothing to say before a residual assessment exists', () => {
    expect(acceptanceBlock('owner', { ownerAssignedAt: assigned, assessments: [] })).toBeNull();
  });
});
