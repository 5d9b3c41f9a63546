import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, Response, Router } from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Access, accessFromClaims, CLAIMS_HEADER, Claims, clientOriginFrom, effectiveClaims, verifyClaimsToken, verifyInternalToken } from '@iso27001/authz';
import { BaseConfig } from '../config';
import { AccessResolver, newRequestId, RequestContext } from '../graphql/context';
import { loggingFormatError } from '../graphql/errors';
import { Logger } from '../logger';

/** Refuses any request without claims signed by the gateway. */
function claimsMiddleware(secret: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = req.header(CLAIMS_HEADER);
    if (!token) {
      res.status(401).json({ errors: [{ message: `missing ${CLAIMS_HEADER}: subgraphs answer only the gateway`, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    try {
      res.locals['claims'] = await verifyClaimsToken(token, secret);
      next();
    } catch (error) {
      res.status(401).json({ errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
}

/** What a request to a subgraph's public HTTP endpoints (`/files/...`) knows of its caller, as `/graphql` would. */
export interface HttpRequestContext {
  claims: Claims;
  access: Access;
  requestId: string;
}

/** The verified caller of a request under `/files` (set before the subgraph's router runs). */
export function httpRequestContext(res: Response): HttpRequestContext {
  const context = res.locals['httpContext'] as HttpRequestContext | undefined;
  if (!context) throw new Error('no verified caller: the route is not behind the claims check');
  return context;
}

export interface ServedSubgraph {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** Serves the schema on `/graphql` behind the claims check, with `/healthz` and `/readyz`. */
export async function serveGraphQL(
  schema: GraphQLSchema,
  config: BaseConfig,
  dataSource: DataSource,
  logger: Logger,
  accessResolver?: AccessResolver,
  internal?: Router,
  publicHttp?: Router,
): Promise<ServedSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: loggingFormatError(logger),
    introspection: true,
    // The service owns its signals: it drains HTTP, stops consumers and flushes the outbox itself.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'the database cannot be reached' });
    }
  });
  if (internal) {
    app.use(
      '/internal',
      express.json({ limit: '64kb' }),
      async (req: Request, res: Response, next: NextFunction) => {
        try {
          await verifyInternalToken(req.header(CLAIMS_HEADER) ?? '', config.CLAIMS_SECRET);
          next();
        } catch {
          res.status(401).json({ error: 'internal endpoints answer only the gateway' });
        }
      },
      internal,
      // A failure inside an internal endpoint is logged and answered without its details.
      (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
        logger.error({ err: error }, 'internal endpoint failed');
        res.status(500).json({ error: 'internal error' });
      },
    );
  }
  if (publicHttp) {
    // The subgraph's own HTTP endpoints (evidence files), reached through the gateway only: the same signed claims as
    // `/graphql`, resolved into the caller's access the same way. The router reads its body itself (streams).
    app.use(
      '/files',
      async (req: Request, res: Response, next: NextFunction) => {
        const token = req.header(CLAIMS_HEADER);
        let claims: Claims;
        try {
          if (!token) throw new Error(`missing ${CLAIMS_HEADER}: subgraphs answer only the gateway`);
          claims = await verifyClaimsToken(token, config.CLAIMS_SECRET);
        } catch (error) {
          res.status(401).json({ code: 'UNAUTHENTICATED', message: (error as Error).message });
          return;
        }
        try {
          const access = accessResolver ? await accessResolver.resolve(claims) : accessFromClaims(claims);
          const context: HttpRequestContext = { claims: effectiveClaims(claims, access), access, requestId: newRequestId(req.headers['x-request-id']) };
          res.locals['httpContext'] = context;
          next();
        } catch (error) {
          next(error);
        }
      },
      publicHttp,
      (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
        logger.error({ err: error }, 'file endpoint failed');
        if (!res.headersSent) res.status(500).json({ code: 'INTERNAL', message: 'the request could not be completed' });
        else res.destroy();
      },
    );
  }
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    claimsMiddleware(config.CLAIMS_SECRET),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const token = res.locals['claims'] as Claims;
        // Resolved on every request, never cached across requests: a revoked assignment counts from the next call.
        const access = accessResolver ? await accessResolver.resolve(token) : accessFromClaims(token);
        return {
          claims: effectiveClaims(token, access),
          access,
          requestId: newRequestId(req.headers['x-request-id']),
          client: clientOriginFrom(req.headers),
          loaders: new Map(),
        };
      },
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  return { httpServer, apollo };
}
