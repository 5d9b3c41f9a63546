import { Role } from '@iso27001/authz';
import { gatewayConfigSchema } from '../../config';
import { DEFAULT_IDENTITY_CLAIM_MAPPING, identityRoles, IdentityClaimMapping, noRoleReason, parseGroupRoles } from '../identity-claims.rules';

describe('OIDC_GROUP_ROLES', () => {
  it('reads group=role pairs, a group twice or with roles joined by |, and drops repeats', () => {
    expect(parseGroupRoles(' /iso27001/isms-managers=isms_manager, /iso27001/employees = employee,/iso27001/employees=employee,ops=risk_owner|control_owner ')).toEqual({
      ok: true,
      groupRoles: { '/iso27001/isms-managers': [Role.IsmsManager], '/iso27001/employees': [Role.Employee], ops: [Role.RiskOwner, Role.ControlOwner] },
    });
  });

  it('reads a JSON object, for group names that hold a comma or an equals sign', () => {
    expect(parseGroupRoles('{"CN=Admins,OU=Groups": "admin", "auditors": ["internal_auditor", "employee"]}')).toEqual({
      ok: true,
      groupRoles: { 'CN=Admins,OU=Groups': [Role.Admin], auditors: [Role.InternalAuditor, Role.Employee] },
    });
  });

  it('takes an empty value as no mapping', () => {
    expect(parseGroupRoles('  ')).toEqual({ ok: true, groupRoles: {} });
  });

  it('names every unknown role, missing group and malformed entry', () => {
    const result = parseGroupRoles('managers=isms-manager,=admin,ops');
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/"isms-manager" is not a platform role/);
    expect(problems[1]).toMatch(/"=admin" names no group/);
    expect(problems[2]).toMatch(/"ops" is not group=role/);
    expect(parseGroupRoles('{"a": []}')).toMatchObject({ ok: false, problems: [expect.stringMatching(/give a role name/)] });
    expect(parseGroupRoles('{"a": "admin"')).toMatchObject({ ok: false, problems: [expect.stringMatching(/not valid JSON/)] });
    expect(parseGroupRoles('["admin"]')).toMatchObject({ ok: false, problems: [expect.stringMatching(/object of group/)] });
  });

  it('is checked when the gateway starts: a wrong role stops it with the entry named', () => {
    const settings = { CLAIMS_SECRET: 'x'.repeat(32), EMBEDDED_OIDC: 'false', OIDC_ISSUER: 'https://login.example.com/realms/iso27001' };
    const wrong = gatewayConfigSchema.safeParse({ ...settings, OIDC_GROUP_ROLES: '/iso27001/isms-managers=isms-manager' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([expect.stringMatching(/^OIDC_GROUP_ROLES: .*"isms-manager" is not a platform role/)]);
    const right = gatewayConfigSchema.parse({ ...settings, OIDC_GROUP_ROLES: '/iso27001/isms-managers=isms_manager' });
    expect(right.OIDC_GROUP_ROLES).toEqual({ '/iso27001/isms-managers': [Role.IsmsManager] });
    expect(right).toMatchObject({ OIDC_ROLES_CLAIM: 'roles', OIDC_GROUPS_CLAIM: 'groups' });
  });
});

describe('roles and groups of a token', () => {
  const mapping: IdentityClaimMapping = {
    ...DEFAULT_IDENTITY_CLAIM_MAPPING,
    groupRoles: { '/iso27001/isms-managers': [Role.IsmsManager], '/iso27001/employees': [Role.Employee] },
  };

  it('is the roles claim united with the roles the groups map to, each once', () => {
    const result = identityRoles({ roles: ['employee', 'internal_auditor'], groups: ['/iso27001/employees', '/iso27001/isms-managers'] }, mapping);
    expect(result.roles.sort()).toEqual([Role.Employee, Role.InternalAuditor, Role.IsmsManager].sort());
  });

  it('ignores unknown groups and unknown role names, and keeps every group for role assignments', () => {
    const result = identityRoles({ roles: ['offline_access', 'default-roles-iso27001'], groups: ['/visitors', '/iso27001/risk-owners-payments', '/iso27001/employees'] }, mapping);
    expect(result.roles).toEqual([Role.Employee]);
    expect(result.groups).toEqual(['/visitors', '/iso27001/risk-owners-payments', '/iso27001/employees']);
  });

  it('gives no role when neither claim names one', () => {
    expect(identityRoles({ roles: ['offline_access'], groups: ['/visitors'] }, mapping).roles).toEqual([]);
    expect(identityRoles({}, mapping)).toEqual({ roles: [], groups: [] });
  });

  it('reads claims of other names, nested ones by a dotted path, and a single name instead of a list', () => {
    const custom: IdentityClaimMapping = { rolesClaim: 'realm_access.roles', groupsClaim: 'memberOf', groupRoles: { 'CN=Admins': [Role.Admin] } };
    expect(identityRoles({ realm_access: { roles: ['executive'] }, memberOf: 'CN=Admins', roles: ['employee'] }, custom)).toEqual({
      roles: [Role.Executive, Role.Admin],
      groups: ['CN=Admins'],
    });
    // A claim literally named with a dot wins over the path.
    expect(identityRoles({ 'realm_access.roles': ['employee'], realm_access: { roles: ['admin'] } }, custom).roles).toEqual([Role.Employee]);
  });

  it('drops group entries that are not names', () => {
    expect(identityRoles({ groups: ['/iso27001/employees', 42, '', null, { name: 'x' }] }, mapping)).toEqual({ roles: [Role.Employee], groups: ['/iso27001/employees'] });
  });

  it('explains a refusal by the claims it looked at', () => {
    expect(noRoleReason(mapping, ['/visitors'])).toBe('token carries no platform role: the "roles" claim names none and its groups (/visitors) map to none in OIDC_GROUP_ROLES');
    expect(noRoleReason(mapping, [])).toMatch(/names no group in "groups"/);
    expect(noRoleReason(mapping, ['a', 'b', 'c', 'd', 'e', 'f'])).toMatch(/\(a, b, c, d, e, …\)/);
  });
});
