import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { GraphQLError, Kind } from 'graphql';
import { Claims, CLAIMS_HEADER, Role, signClaimsToken } from '@iso27001/authz';
import { createLogger, Logger, newRequestId } from '@iso27001/platform';
import { AuthenticationError, createVerifier, Verifier } from './auth/authenticate';
import { GatewayConfig } from './config';
import { createEmbeddedProvider } from './oidc/embedded-provider';

export interface GatewayContext {
  claims: Claims;
  requestId: string;
}

/** Mutations an external auditor may run (on their own engagement; audit-service checks the engagement). */
const EXTERNAL_AUDITOR_MUTATIONS = new Set(['raiseFinding', 'addFindingComment']);

class ClaimsForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly secret: string) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const claims = (context as Partial<GatewayContext>).claims;
    if (!claims) throw new GraphQLError('no verified caller for a subgraph request', { extensions: { code: 'UNAUTHENTICATED' } });
    request.http?.headers.set(CLAIMS_HEADER, await signClaimsToken(claims, this.secret));
    request.http?.headers.set('x-request-id', (context as GatewayContext).requestId);
  }
}

/** Logs every request with who made it; an external auditor's requests are marked for the engagement's access log. */
function accessLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = Date.now();
      return {
        async didResolveOperation({ operation, operationName }) {
          const claims = contextValue.claims;
          if (operation && claims.roles.includes(Role.ExternalAuditor) && operation.operation === 'mutation') {
            const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
            const refused = fields.filter((field) => !EXTERNAL_AUDITOR_MUTATIONS.has(field));
            if (refused.length > 0) {
              throw new GraphQLError(`an external auditor has read-only access; not allowed: ${refused.join(', ')}`, {
                extensions: { code: 'FORBIDDEN', category: 'FORBIDDEN' },
              });
            }
          }
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
  // Known once the port is: the embedded provider's issuer is http://HOST:PORT/oidc unless OIDC_ISSUER says otherwise.
  let verifier: Verifier | null = null;
  let embeddedProvider: express.Router | null = null;

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = config.SUBGRAPH_URLS[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new ClaimsForwardingDataSource(target, config.CLAIMS_SECRET);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // The service owns its signals: it drains HTTP, stops consumers and flushes the outbox itself.
    stopOnTerminationSignals: false,
    // Limits: a query nested deeper than MAX_QUERY_DEPTH is refused before any subgraph is asked.
    validationRules: [
      maxDepthRule({
        n: config.MAX_QUERY_DEPTH,
        ignoreIntrospection: true,
        flattenFragments: true,
        propagateOnRejection: false,
        onReject: [(context, error) => context?.reportError(error)],
      }),
    ],
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), accessLogPlugin(logger)],
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();

  app.use(cors({ origin: config.CORS_ORIGINS, credentials: false }));
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
      if (!verifier) throw new AuthenticationError('the gateway is still starting');
      const claims = await verifier.verify(req.header('authorization'));
      res.json({ sub: claims.sub, email: claims.email, name: claims.name, roles: claims.roles, organisationId: claims.organisationId });
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      res.status(401).json({ error: error.message });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    async (req, res, next) => {
      try {
        if (!verifier) throw new AuthenticationError('the gateway is still starting');
        res.locals['claims'] = await verifier.verify(req.header('authorization'));
        next();
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        logger.warn({ access: true, path: req.path, reason: error.message }, 'request refused');
        res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({ claims: res.locals['claims'] as Claims, requestId: newRequestId(req.headers['x-request-id']) }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}/graphql`;
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
  verifier = createVerifier({
    issuer,
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
    claimMapping: { rolesClaim: config.OIDC_ROLES_CLAIM, groupsClaim: config.OIDC_GROUPS_CLAIM, groupRoles: config.OIDC_GROUP_ROLES },
    organisationId: config.OIDC_ORGANISATION_ID,
  });
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    issuer,
    stop: async () => {
      await apollo.stop();
    },
  };
}
