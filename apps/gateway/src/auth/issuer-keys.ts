import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';

/** The part of an OpenID provider's discovery document the gateway needs. */
interface Discovery {
  issuer?: unknown;
  jwks_uri?: unknown;
}

/**
 * The signing keys of an OpenID provider, found as any relying party finds them: its discovery document names the
 * JWKS (unless `jwksUrl` overrides it), fetched on the first token and cached by jose (refetched for an unknown kid).
 * A failed discovery is tried again on the next token, so a provider that starts after the gateway is picked up.
 */
export function issuerKeys(options: { issuer: string; jwksUrl?: string }): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | null = options.jwksUrl ? Promise.resolve(createRemoteJWKSet(new URL(options.jwksUrl))) : null;

  async function discover(): Promise<JWTVerifyGetKey> {
    const address = `${options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: Discovery;
    try {
      const response = await fetch(address, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as Discovery;
    } catch (error) {
      throw new Error(`the identity provider's discovery document could not be read (${(error as Error).message})`);
    }
    if (document.issuer !== options.issuer) {
      throw new Error(`the identity provider calls itself "${String(document.issuer)}", not the configured issuer`);
    }
    if (typeof document.jwks_uri !== 'string') throw new Error('the identity provider publishes no jwks_uri');
    return createRemoteJWKSet(new URL(document.jwks_uri));
  }

  return async (header, token) => {
    if (!keys) {
      keys = discover();
      keys.catch(() => {
        keys = null;
      });
    }
    return (await keys)(header, token);
  };
}
