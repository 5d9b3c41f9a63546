import type { Claims } from '@iso27001/authz';
import type { Verifier } from '../auth/authenticate';

export interface VerifiedTokenCacheOptions {
  /** How long one verification is reused; bounded by the token's own `exp` and an audit grant's expiry. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * Remembers tokens already verified, so a caller's every request does not pay for an RS256 signature check and the
 * claims mapping again (a third of a millisecond here). A remembered token is still refused once it or the audit
 * grant it carries expires; only successes are remembered, so a refused token is checked afresh each time.
 */
export function cachingVerifier(verifier: Verifier, options: VerifiedTokenCacheOptions): Verifier {
  const now = options.now ?? Date.now;
  const verified = new Map<string, { claims: Claims; reuseUntil: number }>();
  return {
    async verify(authorization) {
      const key = authorization ?? '';
      const hit = verified.get(key);
      const at = now();
      // Past its time (or the token's or grant's expiry): verified afresh, which refuses it with the verifier's reason.
      if (hit && at < hit.reuseUntil) return hit.claims;
      verified.delete(key);
      const claims = await verifier.verify(authorization);
      const until = Math.min(at + options.ttlMs, tokenExpiry(key), claims.grantExpiresAt ? Date.parse(claims.grantExpiresAt) : Infinity);
      if (until > at) {
        if (verified.size >= options.maxEntries) verified.delete(verified.keys().next().value as string); // the oldest
        verified.set(key, { claims, reuseUntil: until });
      }
      return claims;
    },
  };
}

/** The `exp` of a bearer JWT already verified (so its payload is trusted), in ms; 0 (never cached) without one. */
function tokenExpiry(authorization: string): number {
  try {
    const payload = JSON.parse(Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
