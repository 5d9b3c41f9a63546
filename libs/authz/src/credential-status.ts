/** Where a time-boxed credential stands: an audit grant, a service account's token. */
export type CredentialStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/**
 * Revoked wins over expired; a credential whose expiry is now or past is expired. One rule for audit grants
 * (audit-service) and service accounts (isms-service), so both say the same about the same dates.
 */
export function credentialStatus(credential: { revokedAt: Date | null; expiresAt: Date }, now: Date = new Date()): CredentialStatus {
  if (credential.revokedAt) return 'REVOKED';
  return credential.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'ACTIVE';
}
