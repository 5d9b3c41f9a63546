import { Claims, signClaimsToken } from '@iso27001/authz';

/** Half the claims token's 60 s lifetime: a reused token always has half a minute left when a subgraph checks it. */
const REUSE_MS = 30_000;

const signed = new WeakMap<Claims, { token: Promise<string>; until: number }>();

/**
 * The claims token for the subgraphs, signed once per verified caller and reused for half its lifetime. The verified
 * token cache hands out the same Claims object for the same bearer token, so consecutive requests of one caller share
 * one signature; claims that are new (another token, a new verification) get a new one.
 */
export function reusedClaimsToken(claims: Claims, secret: string, now = Date.now()): Promise<string> {
  const hit = signed.get(claims);
  if (hit && now < hit.until) return hit.token;
  const token = signClaimsToken(claims, secret);
  signed.set(claims, { token, until: now + REUSE_MS });
  token.catch(() => signed.delete(claims));
  return token;
}
