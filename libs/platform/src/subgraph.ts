import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { IResolvers } from '@graphql-tools/utils';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLSchema } from 'graphql';
import { NonEmptyArray } from 'type-graphql';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import { CLAIMS_HEADER, Claims, verifyClaimsToken } from '@iso27001/authz';
import { EventDefinition } from '@iso27001/contracts';
import { BaseConfig, baseConfigSchema, databaseUrl, loadConfig } from './config';
import { openDatabase } from './database/data-source';
import { EventConsumer, EventHandler } from './events/consumer';
import { createKafka, ensureTopics, prefixed } from './events/kafka';
import { Outbox } from './events/outbox';
import { OutboxRelay } from './events/relay';
import { newRequestId, RequestContext } from './graphql/context';
import { loggingFormatError } from './graphql/errors';
import { buildFederatedSchema } from './graphql/federation';
import { createLogger, Logger } from './logger';

/** What a service's resolvers, references and handlers are built from. */
export interface ServiceDeps<TConfig extends BaseConfig = BaseConfig> {
  config: TConfig;
  dataSource: DataSource;
  outbox: Outbox;
  logger: Logger;
}

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
export interface SubgraphDefinition<TConfig extends BaseConfig = BaseConfig> {
  /** e.g. `isms-service`; the subgraph name in the supergraph is this without `-service`. */
  name: string;
  configSchema: z.ZodType<TConfig>;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` and other resolvers added to the federated schema. */
  references?: (deps: ServiceDeps<TConfig>) => IResolvers;
  /** Event types this service records in its outbox (their topics are created at start). */
  produces: EventDefinition<never>[] | EventDefinition<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  handlers?: (deps: ServiceDeps<TConfig>) => EventHandler<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Work the service does besides answering requests and events (e.g. resuming interrupted jobs). */
  workers?: (deps: ServiceDeps<TConfig>) => BackgroundWorker[];
}

/** Started after the consumers, stopped before them; must not hold the process open on its own. */
export interface BackgroundWorker {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

export interface RunningSubgraph<TConfig extends BaseConfig = BaseConfig> {
  url: string;
  port: number;
  deps: ServiceDeps<TConfig>;
  relay: OutboxRelay;
  consumer: EventConsumer | null;
  stop(): Promise<void>;
}

/** Base settings plus the service's own, read from the environment. */
export function subgraphConfigSchema<T extends z.ZodRawShape>(shape: T) {
  return baseConfigSchema.extend(shape);
}

/** The subgraph's SDL (with federation directives), built without a database: used for composition. */
export async function subgraphSdl(definition: SubgraphDefinition<never> | SubgraphDefinition<any>): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { sdl } = await buildFederatedSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes });
  return sdl;
}

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

/**
 * Boots a subgraph in one call: validated config, database with migrations, outbox relay, event consumers,
 * the federated schema on Apollo Server, `/healthz` and `/readyz`, and a graceful stop on SIGTERM/SIGINT
 * (drain HTTP, stop consumers, flush the outbox).
 */
export async function bootSubgraph<TConfig extends BaseConfig>(
  definition: SubgraphDefinition<TConfig>,
  options: { env?: Record<string, string | undefined>; handleSignals?: boolean } = {},
): Promise<RunningSubgraph<TConfig>> {
  const config = loadConfig(definition.configSchema, options.env ?? process.env) as TConfig;
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const started = Date.now();

  const { dataSource, applied } = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database: config.DATABASE_NAME,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

  const outbox = new Outbox(definition.name);
  const deps: ServiceDeps<TConfig> = { config, dataSource, outbox, logger };
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: definition.name, topicPrefix: config.KAFKA_TOPIC_PREFIX }, logger);
  const relay = new OutboxRelay({
    dataSource,
    kafka,
    connectionString: databaseUrl(config.DATABASE_URL, config.DATABASE_NAME),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    lockKey: `${definition.name}:outbox`,
  });
  const handlers = definition.handlers?.(deps) ?? [];
  const consumer =
    handlers.length > 0
      ? new EventConsumer({ kafka, dataSource, logger, service: definition.name, topicPrefix: config.KAFKA_TOPIC_PREFIX, handlers, maxAttempts: config.CONSUMER_MAX_ATTEMPTS })
      : null;

  const workers = definition.workers?.(deps) ?? [];
  let served: Awaited<ReturnType<typeof serve>>;
  try {
    await ensureTopics(kafka, definition.produces.map((event) => prefixed(config.KAFKA_TOPIC_PREFIX, event.topic)));
    await relay.start();
    await consumer?.start();
    for (const worker of workers) await worker.start();
    const instances = new Map<unknown, unknown>();
    const { schema } = await buildFederatedSchema(
      {
        resolvers: definition.resolvers,
        orphanedTypes: definition.orphanedTypes,
        container: {
          get: (cls: new (d: ServiceDeps<TConfig>) => unknown) => {
            if (!instances.has(cls)) instances.set(cls, new cls(deps));
            return instances.get(cls);
          },
        },
      },
      definition.references?.(deps) ?? {},
    );
    served = await serve(schema, config, dataSource, logger);
  } catch (error) {
    // Nothing half-started is left behind: a failed boot releases its broker and database connections.
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await consumer?.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  const { server, httpServer, apollo } = served;
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}/graphql`;
  logger.info({ url, startMs: Date.now() - started }, `${definition.name} ready`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down: draining HTTP, stopping consumers, flushing the outbox');
      await apollo.stop(); // drains HTTP through the plugin
      server.closeAllConnections?.();
      for (const worker of workers) await worker.stop();
      await consumer?.stop();
      await relay.stop();
      await dataSource.destroy();
      logger.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        const timer = setTimeout(() => {
          logger.error('shutdown timed out');
          process.exit(1);
        }, config.SHUTDOWN_TIMEOUT_MS);
        timer.unref();
        stop().then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { url, port, deps, relay, consumer, stop };
}

async function serve(schema: GraphQLSchema, config: BaseConfig, dataSource: DataSource, logger: Logger) {
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
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    claimsMiddleware(config.CLAIMS_SECRET),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        claims: res.locals['claims'] as Claims,
        requestId: newRequestId(req.headers['x-request-id']),
        loaders: new Map(),
      }),
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  return { server: httpServer, httpServer, apollo };
}
