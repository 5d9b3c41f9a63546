import { jwtVerify, SignJWT } from 'jose';
import { Claims, claimsSchema } from './claims';

/**
 * The gateway passes verified claims to subgraphs as a short-lived JWT signed with a secret shared only
 * by the gateway and the subgraphs (HS256). A request that reaches a subgraph directly carries no such
 * token, or one that does not verify, and is refused.
 */
export const CLAIMS_HEADER = 'x-iso-claims';
const ISSUER = 'iso27001-gateway';
const AUDIENCE = 'iso27001-subgraphs';
const TOKEN_LIFETIME_SECONDS = 60;

export class ClaimsTokenError extends Error {}

function key(secret: string): Uint8Array {
  if (secret.length < 32) {
    throw new ClaimsTokenError('the claims secret must be at least 32 characters');
  }
  return new TextEncoder().encode(secret);
}

export async function signClaimsToken(claims: Claims, secret: string): Promise<string> {
  return new SignJWT({ claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

export async function verifyClaimsToken(token: string, secret: string): Promise<Claims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
  } catch (error) {
    throw new ClaimsTokenError(`claims token rejected: ${(error as Error).message}`);
  }
  const parsed = claimsSchema.safeParse(payload['claims']);
  if (!parsed.success) {
    throw new ClaimsTokenError(`claims token malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Calls from the gateway to a subgraph's internal endpoints (checking an audit grant, a service account's token) carry
 * a token of their own audience, so a claims token of a person can never be replayed there, nor this one on /graphql.
 */
const INTERNAL_AUDIENCE = 'iso27001-internal';

export async function signInternalToken(secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setSubject('gateway')
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

export async function verifyInternalToken(token: string, secret: string): Promise<void> {
  try {
    await jwtVerify(token, key(secret), { issuer: ISSUER, audience: INTERNAL_AUDIENCE, subject: 'gateway', algorithms: ['HS256'] });
  } catch (error) {
    throw new ClaimsTokenError(`internal token rejected: ${(error as Error).message}`);
  }
}
