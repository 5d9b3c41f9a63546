import { Role } from '@iso27001/authz';
import { acceptanceRefusal, mayAssignRiskOwner, mayNameOwnerOfNewRisk } from '../risk-acceptance.rules';

const claims = (roles: Role[]) => ({ roles });

describe('risk acceptance rules (segregation of duties)', () => {
  const owner = 'owner-sub';
  const assessor = 'assessor-sub';
  const assigned = new Date('2026-03-01T10:00:00Z');
  const later = new Date('2026-03-01T10:00:01Z');

  it('lets the owner accept a residual assessment someone else recorded after the ownership was assigned', () => {
    expect(acceptanceRefusal(owner, { assessedBy: assessor, assessedAt: later, ownerAssignedAt: assigned, recordedAfterOwnerAssigned: true })).toBeNull();
  });

  it('refuses an acceptance without a recorded residual assessment', () => {
    expect(acceptanceRefusal(owner, null)).toEqual({ code: 'RESIDUAL_NOT_ASSESSED' });
  });

  it('refuses a residual assessment recorded before the current owner was assigned, even by someone else: the new owner has it re-assessed first', () => {
    const before = new Date('2026-02-28T09:00:00Z');
    expect(acceptanceRefusal(owner, { assessedBy: assessor, assessedAt: before, ownerAssignedAt: assigned, recordedAfterOwnerAssigned: false })).toEqual({
      code: 'RESIDUAL_PREDATES_OWNER',
      ownerAssignedAt: assigned,
      assessedAt: before,
    });
  });

  it('refuses the owner accepting the residual assessment he recorded himself', () => {
    expect(acceptanceRefusal(owner, { assessedBy: owner, assessedAt: later, ownerAssignedAt: assigned, recordedAfterOwnerAssigned: true })).toEqual({ code: 'SELF_ASSESSED_RESIDUAL', assessedAt: later });
  });

  it('lets only programme managers assign owners', () => {
    expect(mayAssignRiskOwner(claims([Role.IsmsManager]))).toBe(true);
    expect(mayAssignRiskOwner(claims([Role.Admin]))).toBe(true);
    for (const role of [Role.RiskOwner, Role.Executive, Role.ControlOwner, Role.InternalAuditor, Role.ExternalAuditor, Role.Employee, Role.ServiceAccount]) {
      expect(mayAssignRiskOwner(claims([role]))).toBe(false);
    }
  });

  it('lets anyone register a new risk as its owner, or without one, and only programme managers name someone else', () => {
    const me = '7d1b0d5e-4a4b-4c38-9a43-2f1e7c1d0a01';
    const colleague = '0b5f6f8e-2c1d-4e8a-bb7e-5a7c9d3e1f02';
    expect(mayNameOwnerOfNewRisk({ roles: [Role.RiskOwner], personId: me }, me.toUpperCase())).toBe(true);
    expect(mayNameOwnerOfNewRisk({ roles: [Role.RiskOwner], personId: me }, null)).toBe(true);
    expect(mayNameOwnerOfNewRisk({ roles: [Role.RiskOwner], personId: me }, colleague)).toBe(false);
    expect(mayNameOwnerOfNewRisk({ roles: [Role.RiskOwner], personId: null }, colleague)).toBe(false);
    expect(mayNameOwnerOfNewRisk({ roles: [Role.IsmsManager], personId: null }, colleague)).toBe(true);
  });
});
