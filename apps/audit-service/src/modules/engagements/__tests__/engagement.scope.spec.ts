import { Claims, Role } from '@iso27001/authz';
import { DomainError } from '@iso27001/platform';
import { assertEngagementInScope, engagementScope, engagementVisible } from '../engagement.scope';

const ENGAGEMENT = '5d0f0a4e-2f43-4d3a-9a6e-0d6c1f3f9b10';
const OTHER = '9b1c2d3e-4f50-4a61-8b72-9c83d4e5f601';

function claims(roles: Role[], overrides: Partial<Claims> = {}): Claims {
  return { sub: 'u1', organisationId: '00000000-0000-4000-8000-000000000001', email: 'a@example.test', name: 'A', roles, unitIds: [], groups: [], ...overrides };
}

describe('engagementScope', () => {
  it('gives internal roles the whole organisation', () => {
    expect(engagementScope(claims([Role.InternalAuditor]))).toEqual({ kind: 'all' });
    expect(engagementVisible(claims([Role.IsmsManager]), OTHER)).toBe(true);
  });

  it('keeps an external auditor to the engagement of the grant, until it expires', () => {
    const now = new Date('2030-05-01T12:00:00Z');
    const auditor = claims([Role.ExternalAuditor], { engagementId: ENGAGEMENT, grantExpiresAt: '2030-05-31T00:00:00Z' });
    expect(engagementScope(auditor, now)).toEqual({ kind: 'engagement', engagementId: ENGAGEMENT });
    expect(() => assertEngagementInScope(auditor, ENGAGEMENT)).not.toThrow();
    expect(() => assertEngagementInScope(auditor, OTHER)).toThrow(DomainError);
    expect(() => engagementScope({ ...auditor, grantExpiresAt: '2030-04-30T00:00:00Z' }, now)).toThrow(/expired/);
  });

  it('refuses an external auditor without a grant', () => {
    expect(() => engagementScope(claims([Role.ExternalAuditor]))).toThrow(/needs a grant/);
  });
});
