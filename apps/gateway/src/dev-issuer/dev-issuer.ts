import { createHash } from 'node:crypto';
import express, { Router } from 'express';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { DEMO_ORGANISATION_ID, DEMO_USERS } from './demo-users';

/**
 * A local OIDC-compatible issuer for development and demos: signs RS256 tokens for the demo users with a key
 * made at start-up and publishes it as a JWKS. Production points the gateway at a real issuer (OIDC_JWKS_URL).
 */
export class DevIssuer {
  private constructor(
    private readonly privateKey: KeyLike,
    readonly publicJwk: JWK,
    readonly issuer: string,
    readonly audience: string,
  ) {}

  static async create(issuer: string, audience: string): Promise<DevIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    const kid = createHash('sha256').update(JSON.stringify(jwk)).digest('base64url').slice(0, 16);
    return new DevIssuer(privateKey, { ...jwk, kid, alg: 'RS256', use: 'sig' }, issuer, audience);
  }

  async tokenFor(email: string, lifetime = '8h'): Promise<string> {
    const user = DEMO_USERS.find((candidate) => candidate.email === email.toLowerCase());
    if (!user) throw new Error(`no demo user ${email}`);
    return new SignJWT({ email: user.email, name: user.name, org_id: DEMO_ORGANISATION_ID, roles: user.roles, unit_ids: [] })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(createHash('sha256').update(user.email).digest('hex').slice(0, 32))
      .setIssuedAt()
      .setExpirationTime(lifetime)
      .sign(this.privateKey);
  }

  router(): Router {
    const router = Router();
    router.get('/.well-known/jwks.json', (_req, res) => {
      res.json({ keys: [this.publicJwk] });
    });
    router.get('/.well-known/openid-configuration', (_req, res) => {
      res.json({ issuer: this.issuer, jwks_uri: `${this.issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
    });
    router.get('/users', (_req, res) => {
      res.json({ users: DEMO_USERS.map(({ email, name, roles, title }) => ({ email, name, roles, title })) });
    });
    router.post('/login', express.json({ limit: '10kb' }), async (req, res) => {
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
      const user = DEMO_USERS.find((candidate) => candidate.email === email);
      if (!user) {
        res.status(400).json({ error: email ? `no demo user with e-mail ${email}` : 'body must be {"email": "..."}' });
        return;
      }
      res.json({ accessToken: await this.tokenFor(user.email), user: { email: user.email, name: user.name, roles: user.roles } });
    });
    return router;
  }
}
