import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { orderRoles, roleInSentence, roleLabel, roleMay } from '../roles';

describe('roleLabel', () => {
  it('names each role of a token as the portal shows it, an unknown one readably, and an empty one as "No role"', () => {
    expect(roleLabel('isms_manager')).toBe('ISMS manager');
    expect(roleLabel('admin')).toBe('Administrator');
    expect(roleLabel('external_auditor')).toBe('External auditor');
    expect(roleLabel('service_account')).toBe('Service account');

    expect(roleLabel('data_protection-officer')).toBe('Data protection officer');
    expect(roleLabel('')).toBe('No role');
    expect(roleLabel('__')).toBe('No role');
  });
});

describe('orderRoles', () => {
  it('offers known roles in priority order (ISMS manager first, employee last), each once, then unknown ones as given', () => {
    expect(orderRoles(['employee', 'zeta_role', 'risk_owner', 'admin', 'isms_manager', 'alpha_role', 'risk_owner'])).toEqual([
      'isms_manager',
      'admin',
      'risk_owner',
      'employee',
      'zeta_role',
      'alpha_role',
    ]);
  });

  it('puts the executive before owners and auditors, so that is the default view of a person who holds them all', () => {
    expect(orderRoles(['external_auditor', 'internal_auditor', 'control_owner', 'executive'])[0]).toBe('executive');
    expect(orderRoles(['external_auditor', 'internal_auditor', 'control_owner'])).toEqual(['control_owner', 'internal_auditor', 'external_auditor']);
    expect(orderRoles([])).toEqual([]);
  });
});

describe('roleMay and roleInSentence', () => {
  it('lets a role use what its group allows, and no role nothing', () => {
    expect(roleMay('isms_manager', PROGRAMME_MANAGERS)).toBe(true);
    expect(roleMay('employee', PROGRAMME_MANAGERS)).toBe(false);
    expect(roleMay(null, PROGRAMME_MANAGERS)).toBe(false);
  });

  it('lower-cases a role name inside a sentence but keeps an acronym', () => {
    expect(roleInSentence('executive')).toBe('executive');
    expect(roleInSentence('risk_owner')).toBe('risk owner');
    expect(roleInSentence('isms_manager')).toBe('ISMS manager');
    expect(roleInSentence('chief_auditor')).toBe('chief auditor');
  });
});

describe('orderRoles keeps every role of the platform', () => {
  it('keeps the service account role, last', () => {
    expect(orderRoles(['service_account'])).toEqual(['service_account']);
    expect(orderRoles(['service_account', 'employee'])).toEqual(['employee', 'service_account']);
  });
});
