import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { Request, Response, Router } from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '@iso27001/platform';
import { PORTAL_CALLBACK_PATH, PORTAL_SIGNED_OUT_PATH, TOOLS_CLIENT_ID, TOOLS_REDIRECT_URI } from './clients';
import { DEMO_ORGANISATION_ID, DEMO_USERS, demoSubject, demoUserByEmail, demoUserBySubject } from './demo-users';
import { errorPage, loginPage, logoutPage, signedOutPage } from './login.view';

export interface EmbeddedProviderOptions {
  /** The issuer identifier, e.g. http://127.0.0.1:4000/oidc: the provider is mounted at its path. */
  issuer: string;
  /** The `aud` of the access tokens: the platform's API. */
  audience: string;
  portalClientId: string;
  /** Origins the portal is served from: its redirect URIs and the CORS origins of the token endpoint. */
  portalOrigins: readonly string[];
  demoPassword: string;
  accessTokenTtlSeconds: number;
  logger: Logger;
}

/** A resource indicator must be an absolute URI (RFC 8707): the audience itself when it is one. */
export function resourceIndicatorFor(audience: string): string {
  return URL.canParse(audience) ? audience : `urn:${audience}`;
}

function samePassword(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function signingKey(): Promise<Record<string, unknown>> {
  // Made at every start and kept in memory only: tokens of an earlier run fail verification, never a committed key.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'RS256', use: 'sig', kid: randomBytes(8).toString('hex') };
}

/**
 * The embedded OpenID provider (oidc-provider, OpenID Certified) with the demo users: authorization code flow with
 * PKCE for public clients, JWT access tokens for the platform's API through a resource indicator, refresh tokens
 * bound to the sign-in session, RP-initiated logout. For development and demos: production points the gateway at its
 * own identity provider (EMBEDDED_OIDC=false, OIDC_ISSUER). Mount the router at `mountPath` (the issuer's path).
 */
export async function createEmbeddedProvider(options: EmbeddedProviderOptions): Promise<{ provider: Provider; router: Router; mountPath: string }> {
  const mountPath = new URL(options.issuer).pathname.replace(/\/+$/, '');
  if (!mountPath) throw new Error(`the embedded provider's issuer ${options.issuer} needs a path, e.g. /oidc`);
  const resource = resourceIndicatorFor(options.audience);
  const origins = new Set(options.portalOrigins);

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.portalClientId,
        client_name: 'ISMS Portal',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...origins].map((origin) => `${origin}${PORTAL_CALLBACK_PATH}`),
        post_logout_redirect_uris: [...origins].map((origin) => `${origin}${PORTAL_SIGNED_OUT_PATH}`),
      },
      {
        client_id: TOOLS_CLIENT_ID,
        client_name: 'ISMS platform tools',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [TOOLS_REDIRECT_URI],
      },
    ],
    // Every client is public: PKCE always (S256 only, the library's default).
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [await signingKey()] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    async findAccount(_ctx, sub) {
      const user = demoUserBySubject(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }) };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The API is the one resource: every token request is for it, so access tokens are JWTs with its audience.
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`unknown resource ${indicator}; this provider issues tokens for ${resource}`);
          return {
            scope: 'platform',
            audience: options.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtlSeconds,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
    },
    // The platform's claims in every access token: organisation, roles and who it is, as libs/authz reads them.
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = demoUserBySubject(token.accountId);
      if (!user) return undefined;
      return { org_id: DEMO_ORGANISATION_ID, roles: user.roles, email: user.email, name: user.name };
    },
    // Refresh tokens for every client allowed the grant, without offline_access: they end with the sign-in session,
    // so signing out (which revokes the session's grants) makes them worthless. Public clients' tokens rotate.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
      RefreshToken: 8 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage('The sign-in request could not be completed.', String(out['error_description'] ?? out['error'] ?? ''));
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.on('server_error', (_ctx: KoaContextWithOIDC, error: Error) => options.logger.error({ err: error }, 'embedded OpenID provider error'));

  const interaction = express.Router();
  interaction.use(express.urlencoded({ extended: false, limit: '10kb' }));

  interaction.get('/:uid', async (req: Request, res: Response) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const action = `${mountPath}/interaction/${details.uid}/login`;
      if (details.prompt.name === 'login') {
        res.type('html').send(loginPage({ action, demoUsers: DEMO_USERS }));
        return;
      }
      if (details.prompt.name === 'consent') {
        // Every registered client is the platform's own (first party): consent is given for what it asked.
        const accountId = details.session?.accountId;
        if (!accountId) throw new Error('consent without a signed-in account');
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
        if (!grant) throw new Error('the grant of this sign-in has expired');
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      res.status(400).type('html').send(errorPage(`This sign-in step (${details.prompt.name}) is not supported.`));
    } catch (error) {
      sendInteractionError(res, error);
    }
  });

  interaction.post('/:uid/login', async (req: Request, res: Response) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const email = typeof req.body?.email === 'string' ? req.body.email.trim() : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const user = demoUserByEmail(email);
      if (!user || !samePassword(password, options.demoPassword)) {
        options.logger.warn({ access: true, email }, 'embedded provider: sign-in refused');
        res
          .status(401)
          .type('html')
          .send(
            loginPage({
              action: `${mountPath}/interaction/${details.uid}/login`,
              email,
              error: 'The e-mail or the password is not right. Check both and try again.',
              demoUsers: DEMO_USERS,
            }),
          );
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: demoSubject(user.email) } }, { mergeWithLastSubmission: false });
    } catch (error) {
      sendInteractionError(res, error);
    }
  });

  function sendInteractionError(res: Response, error: unknown): void {
    if (error instanceof errors.SessionNotFound) {
      res.status(400).type('html').send(errorPage('This sign-in page has expired.', 'Go back to the portal and choose Sign in again.'));
      return;
    }
    options.logger.error({ err: error }, 'embedded provider: interaction failed');
    res.status(500).type('html').send(errorPage('Signing in failed on our side.', 'Go back to the portal and try again.'));
  }

  // Served under the issuer's path: our sign-in pages first, then the provider's own endpoints.
  const router = Router();
  router.use('/interaction', interaction);
  router.use(provider.callback());
  return { provider, router, mountPath };
}
