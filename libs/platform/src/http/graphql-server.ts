import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, Response, Router } from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { accessFromClaims, CLAIMS_HEADER, Claims, effectiveClaims, verifyClaimsToken, verifyInternalToken } from '@iso27001/authz';
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
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    claimsMiddleware(config.CLAIMS_SECRET),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const token = res.locals['claims'] as Claims;
        // Resolved on every request, never cached across requests: a revoked assignment counts from the next call.
        const access = accessResolver ? await accessResolver.resolve(token) : accessFromClaims(token);
        return { claims: effectiveClaims(token, access), access, requestId: newRequestId(req.headers['x-request-id']), loaders: new Map() };
      },
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  return { httpServer, apollo };
}
