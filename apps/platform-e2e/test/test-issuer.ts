import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import { Role } from '@iso27001/authz';
import { TEST_ORGANISATION_ID } from '@iso27001/testing';

export interface TestIssuer {
  issuer: string;
  /**
   * A signed access token. `lifetimeSeconds: null` leaves `exp` out (a token that never expires); `claims` adds or
   * overrides claims.
   */
  token(options: { roles: Role[]; sub?: string; lifetimeSeconds?: number | null; claims?: JWTPayload }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A minimal OpenID provider for tests: its discovery document and JWKS over real HTTP, RS256 tokens signed with its
 * own key, so a test can make tokens no real provider would issue (no `exp`, a year's lifetime, any role).
 */
export async function startTestIssuer(audience = 'iso27001-platform'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = http.createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : req.url === '/jwks' ? { keys: [jwk] } : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    async token({ roles, sub = randomUUID(), lifetimeSeconds = 3600, claims = {} }) {
      const jwt = new SignJWT({ email: `${sub}@example.test`, name: `Test ${roles.join(' ')}`, org_id: TEST_ORGANISATION_ID, roles, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setIssuedAt();
      if (lifetimeSeconds !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds);
      return jwt.sign(privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
