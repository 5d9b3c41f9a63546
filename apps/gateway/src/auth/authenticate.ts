import { jwtVerify } from 'jose';
import { Claims, claimsSchema } from '@iso27001/authz';
import { DEFAULT_IDENTITY_CLAIM_MAPPING, IdentityClaimMapping, identityRoles, noRoleReason } from './identity-claims.rules';
import { issuerKeys } from './issuer-keys';

export class AuthenticationError extends Error {}

export interface Verifier {
  verify(authorization: string | undefined): Promise<Claims>;
}

/**
 * Verifies a bearer token (JWT, RS256/ES256) against the issuer's keys and turns its claims into the platform's
 * Claims. Anything missing or malformed is refused with a reason.
 */
export function createVerifier(options: {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  maxLifetimeSeconds?: number;
  /** Where the provider puts roles and groups, and which groups give which roles (default: `roles`, `groups`, none). */
  claimMapping?: IdentityClaimMapping;
  /** The organisation of tokens without `org_id`. */
  organisationId?: string;
}): Verifier {
  const mapping = options.claimMapping ?? DEFAULT_IDENTITY_CLAIM_MAPPING;
  // The embedded provider's tokens are verified exactly as any other provider's: keys through discovery.
  const keys = issuerKeys(options);
  return {
    async verify(authorization) {
      const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
      if (!match) throw new AuthenticationError('missing bearer token: sign in and send "Authorization: Bearer <token>"');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(match[1]!, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['RS256', 'ES256'],
          // A token without an expiry would be good forever once leaked.
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        throw new AuthenticationError(`token rejected: ${(error as Error).message}`);
      }
      const lifetime = (payload['exp'] as number) - (typeof payload['iat'] === 'number' ? payload['iat'] : Math.floor(Date.now() / 1000));
      if (options.maxLifetimeSeconds !== undefined && lifetime > options.maxLifetimeSeconds) {
        throw new AuthenticationError(`token rejected: it is valid for ${lifetime} s; the gateway accepts at most ${options.maxLifetimeSeconds} s (MAX_TOKEN_LIFETIME_SECONDS)`);
      }
      // Roles: the roles claim's and those the caller's groups map to; every group travels on for role assignments.
      const { roles, groups } = identityRoles(payload, mapping);
      if (roles.length === 0) throw new AuthenticationError(noRoleReason(mapping, groups));
      const parsed = claimsSchema.safeParse({
        sub: payload['sub'],
        organisationId: payload['org_id'] ?? options.organisationId,
        email: payload['email'],
        name: payload['name'],
        roles,
        groups,
        unitIds: payload['unit_ids'] ?? [],
        engagementId: payload['engagement_id'],
        grantExpiresAt: payload['grant_expires_at'],
      });
      if (!parsed.success) {
        throw new AuthenticationError(`token claims incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const claims = parsed.data;
      if (claims.grantExpiresAt && Date.parse(claims.grantExpiresAt) <= Date.now()) {
        throw new AuthenticationError(`the audit grant expired at ${claims.grantExpiresAt}`);
      }
      return claims;
    },
  };
}
