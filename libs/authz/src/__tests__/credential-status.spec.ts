import { credentialStatus } from '../index';

describe('credential status', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');

  it('is active until its expiry, expired from it on', () => {
    expect(credentialStatus({ revokedAt: null, expiresAt: new Date('2026-06-01T12:00:00.001Z') }, now)).toBe('ACTIVE');
    expect(credentialStatus({ revokedAt: null, expiresAt: new Date('2026-06-01T12:00:00.000Z') }, now)).toBe('EXPIRED');
    expect(credentialStatus({ revokedAt: null, expiresAt: new Date('2026-05-01T00:00:00.000Z') }, now)).toBe('EXPIRED');
  });

  it('says revoked whatever the expiry', () => {
    expect(credentialStatus({ revokedAt: new Date('2026-05-01T00:00:00.000Z'), expiresAt: new Date('2027-01-01T00:00:00.000Z') }, now)).toBe('REVOKED');
    expect(credentialStatus({ revokedAt: new Date('2026-05-01T00:00:00.000Z'), expiresAt: new Date('2026-01-01T00:00:00.000Z') }, now)).toBe('REVOKED');
  });
});
