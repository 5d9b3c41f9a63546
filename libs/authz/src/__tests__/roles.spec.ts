import * as roles from '../roles';
import { ALL_ROLES, Role } from '../roles';

const groups = Object.entries(roles).filter(([name, value]) => Array.isArray(value) && name !== 'ALL_ROLES') as [string, readonly Role[]][];

describe('role groups', () => {
  it.each(groups)('%s holds known roles, each once', (_name, members) => {
    expect(members.length).toBeGreaterThan(0);
    expect(new Set(members).size).toBe(members.length);
    for (const role of members) expect(ALL_ROLES).toContain(role);
  });

  it('never lets an external auditor or a service account change the register or sign an acceptance', () => {
    for (const group of [roles.RISK_EDITORS, roles.RISK_ACCEPTANCE_SIGNERS, roles.EVIDENCE_MANAGERS, roles.CONTROL_IMPLEMENTERS, roles.TOP_MANAGEMENT]) {
      expect(group).not.toContain(Role.ExternalAuditor);
      expect(group).not.toContain(Role.ServiceAccount);
    }
    expect(roles.RISK_ACCEPTANCE_SIGNERS).not.toContain(Role.InternalAuditor);
  });
});
