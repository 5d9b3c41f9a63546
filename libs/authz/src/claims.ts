import { z } from 'zod';
import { isRole, Role } from './roles';

/**
 * The verified identity that the gateway hands to every subgraph. Subgraphs trust nothing else:
 * a request without a valid claims token is refused.
 */
export const claimsSchema = z.object({
  sub: z.string().min(1),
  organisationId: z.string().uuid(),
  email: z.string().email(),
  name: z.string().min(1),
  roles: z
    .array(z.string())
    .min(1)
    .transform((roles) => roles.filter(isRole) as Role[])
    .refine((roles) => roles.length > 0, 'no known role'),
  /**
   * Units the token itself asserts (a service account's units, an audit grant's units, a trusted identity provider's
   * claim). Services add the units of the caller's role assignments; empty means no unit, never the whole organisation.
   */
  unitIds: z.array(z.string().uuid()).default([]),
  /** The identity provider's groups of the caller, which role assignments can name (mapped per service from its replica). */
  groups: z.array(z.string().min(1).max(256)).max(500).default([]),
  /** Set for an external auditor: the one engagement the grant covers. */
  engagementId: z.string().uuid().optional(),
  /** Expiry of an external auditor's grant (ISO 8601). */
  grantExpiresAt: z.string().datetime().optional(),
  /** The audit grant an external auditor works under (checked by the gateway on every request). */
  grantId: z.string().uuid().optional(),
  /** The observation period of the grant (`YYYY-MM-DD`, inclusive): an auditor reads records of this period only. */
  periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  periodEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export type Claims = z.infer<typeof claimsSchema>;

export function hasAnyRole(claims: Pick<Claims, 'roles'>, allowed: readonly Role[]): boolean {
  return claims.roles.some((role) => allowed.includes(role));
}
