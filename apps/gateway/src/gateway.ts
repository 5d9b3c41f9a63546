import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { Claims, Role } from '@iso27001/authz';
import { createLogger, Logger, newRequestId } from '@iso27001/platform';
import { AccessLog } from './access-log/access-log.store';
import { AuditorGrants, describeRequest, GrantRefused } from './auditor/auditor-grants';
import { AuthenticationError, createVerifier, Verifier } from './auth/authenticate';
import { ServiceAccountTokens } from './auth/service-accounts';
import { GatewayConfig } from './config';
import { evidenceFilesProxy } from './files/evidence-files.proxy';
import { trainingCertificatesProxy } from './training/training-certificates.proxy';
import { subgraphOrigin } from './internal-calls';
import { hardenedApolloOptions } from './hardening/apollo-hardening';
import { jsonErrorHandler, requireJsonBody } from './hardening/http-errors';
import { admitRequest, createRateLimit } from './hardening/rate-limit';
import { cachingVerifier } from './hardening/verified-tokens';
import { createEmbeddedProvider } from './oidc/embedded-provider';
import { GatewayContext, keepAliveFetcher, SubgraphDataSource } from './subgraph-client';

export type { GatewayContext } from './subgraph-client';

/** Logs every request with who made it; an external auditor's requests are marked for the engagement's access log. */
function accessLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = Date.now();
      return {
        async didResolveOperation({ operationName }) {
          logger.debug({ requestId: contextValue.requestId, operationName }, 'operation resolved');
        },
        async willSendResponse({ response, operationName, operation }) {
          const claims = contextValue.claims;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          logger.info(
            {
              access: true,
              requestId: contextValue.requestId,
              sub: claims.sub,
              email: claims.email,
              roles: claims.roles,
              engagementId: claims.engagementId,
              operationType: operation?.operation,
              operationName,
              errors,
              ms: Date.now() - started,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

export interface RunningGateway {
  url: string;
  port: number;
  /** The OpenID provider whose tokens this gateway accepts (the embedded one, or OIDC_ISSUER). */
  issuer: string;
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, logger: Logger = createLogger('gateway', config.LOG_LEVEL)): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const auditorGrants = new AuditorGrants(subgraphOrigin(supergraphSdl, config.SUBGRAPH_URLS, 'audit'), config.CLAIMS_SECRET);
  const serviceAccounts = new ServiceAccountTokens(subgraphOrigin(supergraphSdl, config.SUBGRAPH_URLS, 'isms'), config.CLAIMS_SECRET);
  /** An identity provider's token, an auditor session from a redeemed invitation, or a service account's token. */
  const authenticate = (authorization: string | undefined): Promise<Claims> => {
    if (serviceAccounts.accepts(authorization)) return serviceAccounts.verify(authorization);
    if (auditorGrants.isSession(authorization)) return auditorGrants.verifySession(authorization);
    if (!verifier) throw new AuthenticationError('the gateway is still starting');
    return verifier.verify(authorization);
  };
  // Known once the port is: the embedded provider's issuer is http://HOST:PORT/oidc unless OIDC_ISSUER says otherwise.
  let verifier: Verifier | null = null;
  let embeddedProvider: express.Router | null = null;

  const fetcher = keepAliveFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = config.SUBGRAPH_URLS[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new SubgraphDataSource(target, config.CLAIMS_SECRET, name, fetcher);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Limits, introspection, batching and error formatting: see hardening/apollo-hardening.ts.
  const hardening = hardenedApolloOptions<GatewayContext>(
    {
      limits: { maxDepth: config.MAX_QUERY_DEPTH, maxAliases: config.MAX_ALIASES, maxCost: config.MAX_QUERY_COST, maxDirectives: config.MAX_DIRECTIVES, maxTokens: config.MAX_TOKENS },
      introspection: config.GATEWAY_INTROSPECTION,
    },
    logger,
  );
  const rateSettings = { requests: config.RATE_LIMIT_REQUESTS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS };
  const rateLimit = config.RATE_LIMIT_REQUESTS > 0 ? await createRateLimit({ ...rateSettings, serverUrl: config.DATABASE_URL, database: config.DATABASE_NAME }) : null;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...hardening,
    // The service owns its signals: it drains HTTP, stops consumers and flushes the outbox itself.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), accessLogPlugin(logger), ...hardening.plugins],
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();
  // API requests persisted for the access-log evidence (access-log/access-log.store.ts).
  const accessLog = config.ACCESS_LOG_PERSIST ? await AccessLog.open({ serverUrl: config.DATABASE_URL, database: config.DATABASE_NAME }, logger) : null;

  app.set('trust proxy', config.TRUST_PROXY);
  app.use(cors({ origin: config.CORS_ORIGINS, credentials: false }));
  if (accessLog) app.use(accessLog.middleware).use('/internal/access-log', accessLog.internalRouter(config.CLAIMS_SECRET));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (config.EMBEDDED_OIDC) {
    const mountPath = config.OIDC_ISSUER ? new URL(config.OIDC_ISSUER).pathname.replace(/\/+$/, '') || '/oidc' : '/oidc';
    app.use(mountPath, (req, res, next) => (embeddedProvider ? embeddedProvider(req, res, next) : next()));
  }
  app.get('/portal-config.json', (_req, res) => {
    // The portal learns where to sign in at run time, so one build works with any OpenID provider.
    res.json({ authority: verifier ? issuer : null, clientId: config.OIDC_PORTAL_CLIENT_ID, scope: config.OIDC_PORTAL_SCOPE });
  });
  app.get('/me', async (req, res) => {
    // Who the gateway takes the bearer for: the portal shows this person and derives its views from these roles.
    try {
      const claims = await authenticate(req.header('authorization'));
      res.json({ sub: claims.sub, email: claims.email, name: claims.name, roles: claims.roles, organisationId: claims.organisationId, grantId: claims.grantId ?? null });
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      res.status(401).json({ error: error.message });
    }
  });
  app.post('/auth/auditor-invitation', express.json({ limit: '4kb' }), async (req, res) => {
    // One-time invitation of an external auditor: a session bound to the grant (see auditor/auditor-grants.ts).
    const code = typeof req.body?.code === 'string' ? req.body.code.trim() : '';
    if (!code) return void res.status(400).json({ error: 'body must be {"code": "..."}' });
    try {
      res.json(await auditorGrants.redeem(code, newRequestId(req.headers['x-request-id'])));
    } catch (error) {
      if (!(error instanceof GrantRefused)) throw error;
      logger.warn({ access: true, reason: error.message }, 'auditor invitation refused');
      res.status(401).json({ error: error.message });
    }
  });
  // Evidence file uploads and downloads, streamed to and from evidence-service (files/evidence-files.proxy.ts).
  app.use(
    evidenceFilesProxy({
      origin: subgraphOrigin(supergraphSdl, config.SUBGRAPH_URLS, 'evidence'),
      secret: config.CLAIMS_SECRET,
      logger,
      authenticate,
      admit: (identity, res) => admitRequest(rateLimit, rateSettings, identity, res),
      bindAuditor: (claims, detail, requestId, grant) => auditorGrants.bind(claims, detail, requestId, grant),
    }),
  );
  // Completion certificates (PDF), streamed from training-service (training/training-certificates.proxy.ts).
  app.use(
    trainingCertificatesProxy({
      origin: subgraphOrigin(supergraphSdl, config.SUBGRAPH_URLS, 'training'),
      secret: config.CLAIMS_SECRET,
      logger,
      authenticate,
      admit: (identity, res) => admitRequest(rateLimit, rateSettings, identity, res),
      bindAuditor: (claims, detail, requestId, grant) => auditorGrants.bind(claims, detail, requestId, grant),
    }),
  );
  app.use(
    '/graphql',
    (req, res, next) => {
      res.locals['requestId'] = newRequestId(req.headers['x-request-id']);
      next();
    },
    express.json({ limit: '5mb' }),
    requireJsonBody,
    async (req, res, next) => {
      let claims: Claims;
      try {
        claims = await authenticate(req.header('authorization'));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        // Without a valid token the client address is the identity that is limited.
        if (!(await admitRequest(rateLimit, rateSettings, `ip:${req.ip ?? 'unknown'}`, res))) return;
        logger.warn({ access: true, path: req.path, reason: error.message }, 'request refused');
        res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      if (!(await admitRequest(rateLimit, rateSettings, `sub:${claims.sub}`, res))) return;
      try {
        // An external auditor's request is checked against their grant, and logged, before anything else happens.
        if (claims.roles.includes(Role.ExternalAuditor)) {
          claims = await auditorGrants.bind(claims, describeRequest(req.body), res.locals['requestId'] as string, req.header('x-audit-grant') ?? undefined);
        }
      } catch (error) {
        if (!(error instanceof GrantRefused)) throw error;
        logger.warn({ access: true, sub: claims.sub, reason: error.message }, 'auditor request refused');
        res.status(403).json({ errors: [{ message: error.message, extensions: { code: 'AUDIT_GRANT_REFUSED', category: 'FORBIDDEN' } }] });
        return;
      }
      res.locals['claims'] = claims;
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        claims: res.locals['claims'] as Claims,
        requestId: res.locals['requestId'] as string,
        client: { address: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
      }),
    }),
  );
  app.use(jsonErrorHandler(logger));

  // Sign-in is ready before the gateway listens, so no request finds the provider missing; only with PORT=0 (tests)
  // is the embedded provider's issuer known after listening.
  const startAuth = async (port: number): Promise<string> => {
    const issuer = config.OIDC_ISSUER ?? `http://${config.HOST}:${port}/oidc`;
    if (config.EMBEDDED_OIDC) {
      ({ router: embeddedProvider } = await createEmbeddedProvider({
        issuer,
        audience: config.OIDC_AUDIENCE,
        portalClientId: config.OIDC_PORTAL_CLIENT_ID,
        portalOrigins: config.CORS_ORIGINS,
        demoPassword: config.DEMO_PASSWORD ?? '',
        accessTokenTtlSeconds: config.OIDC_ACCESS_TOKEN_TTL,
        logger,
      }));
      logger.info({ issuer }, 'embedded OpenID provider ready (development only)');
    }
    // A token already verified is reused for a minute (see hardening/verified-tokens.ts): no RS256 check per request.
    verifier = cachingVerifier(createVerifier({
      issuer,
      audience: config.OIDC_AUDIENCE,
      jwksUrl: config.OIDC_JWKS_URL,
      claimMapping: { rolesClaim: config.OIDC_ROLES_CLAIM, groupsClaim: config.OIDC_GROUPS_CLAIM, groupRoles: config.OIDC_GROUP_ROLES },
      organisationId: config.OIDC_ORGANISATION_ID,
      maxLifetimeSeconds: config.MAX_TOKEN_LIFETIME_SECONDS,
    }), { ttlMs: 60_000, maxEntries: 10_000 });
    return issuer;
  };
  const knownIssuer = config.OIDC_ISSUER || config.PORT !== 0 ? await startAuth(config.PORT) : null;
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}/graphql`;
  const issuer = knownIssuer ?? (await startAuth(port));
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    issuer,
    stop: async () => {
      await apollo.stop();
      fetcher.close();
      await rateLimit?.close();
      await accessLog?.close();
    },
  };
}
