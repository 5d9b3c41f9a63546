import { Role } from '@iso27001/authz';
import { DomainError } from '../../graphql/errors';
import { trailUnitsFor, trailWindowFor } from '../audit-trail.scope';

const now = new Date('2026-06-01T00:00:00.000Z');
const open = { from: null, to: null };

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('who reads which rows of the audit trail', () => {
  it('gives administrators and internal auditors the range they ask for', () => {
    const range = { from: new Date('2026-01-01'), to: new Date('2026-02-01') };
    expect(trailWindowFor({ roles: [Role.Admin] }, range, now)).toEqual(range);
    expect(trailWindowFor({ roles: [Role.InternalAuditor, Role.ExternalAuditor] }, open, now)).toEqual(open);
  });

  it('refuses an external auditor without a grant or with an expired one', () => {
    expect(refusal(() => trailWindowFor({ roles: [Role.ExternalAuditor] }, open, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    const expired = { roles: [Role.ExternalAuditor], engagementId: 'e', grantExpiresAt: '2026-05-31T23:59:59.000Z' };
    expect(refusal(() => trailWindowFor(expired, open, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
  });

  it("ends an external auditor's rows at the grant's expiry", () => {
    const grant = { roles: [Role.ExternalAuditor], engagementId: 'e', grantExpiresAt: '2026-07-01T00:00:00.000Z', periodStart: '2026-01-01', periodEnd: '2026-12-31' };
    expect(trailWindowFor(grant, open, now)).toEqual({ from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-07-01T00:00:00.000Z') });
    const earlier = new Date('2026-03-01T00:00:00.000Z');
    expect(trailWindowFor(grant, { from: null, to: earlier }, now).to).toEqual(earlier);
  });

  it('fails closed on a grant that names no observation period (or half of one): no row is within it', () => {
    const base = { roles: [Role.ExternalAuditor], engagementId: 'e', grantExpiresAt: '2026-07-01T00:00:00.000Z' };
    expect(refusal(() => trailWindowFor(base, open, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    expect(refusal(() => trailWindowFor({ ...base, periodStart: '2026-01-01' }, open, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    expect(refusal(() => trailWindowFor({ ...base, periodEnd: '2026-03-31' }, open, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
  });

  it("keeps an external auditor's rows within the grant's observation period", () => {
    const grant = { roles: [Role.ExternalAuditor], engagementId: 'e', grantExpiresAt: '2026-07-01T00:00:00.000Z', periodStart: '2026-01-01', periodEnd: '2026-03-31' };
    expect(trailWindowFor(grant, open, now)).toEqual({ from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-03-31T23:59:59.999Z') });
    expect(trailWindowFor(grant, { from: new Date('2026-02-01T00:00:00.000Z'), to: null }, now).from).toEqual(new Date('2026-02-01T00:00:00.000Z'));
    expect(refusal(() => trailWindowFor(grant, { from: new Date('2026-04-01T00:00:00.000Z'), to: null }, now))).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
  });

  it('refuses a range that ends before it starts', () => {
    expect(refusal(() => trailWindowFor({ roles: [Role.Admin] }, { from: new Date('2026-02-01'), to: new Date('2026-01-01') }, now))).toBe('AUDIT_TRAIL_INVALID_RANGE');
  });

  it("narrows only an external auditor's rows to the grant's units, with the tables auditors read or never read", () => {
    const tables = { organisationLevel: ['risk_methodology'], internal: ['role_assignment'] };
    expect(trailUnitsFor({ roles: [Role.Admin] }, { unitIds: [] }, tables)).toBeNull();
    expect(trailUnitsFor({ roles: [Role.InternalAuditor, Role.ExternalAuditor] }, { unitIds: [] }, tables)).toBeNull();
    expect(trailUnitsFor({ roles: [Role.ExternalAuditor] }, { unitIds: ['AB-1'] }, tables)).toEqual({ unitIds: ['ab-1'], ...tables });
    expect(trailUnitsFor({ roles: [Role.ExternalAuditor] }, { unitIds: [] }, tables)?.unitIds).toEqual([]);
  });
});
