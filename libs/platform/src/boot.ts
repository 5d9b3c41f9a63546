import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { BaseConfig, databaseUrl, loadConfig } from './config';
import { openDatabase } from './database/data-source';
import { EventConsumer } from './events/consumer';
import { createKafka, ensureTopics, prefixed } from './events/kafka';
import { Outbox } from './events/outbox';
import { OutboxRelay } from './events/relay';
import { auditTrailResolver } from './audit-trail/audit-trail.resolver';
import { recordMutations } from './audit-trail/audit-trail.middleware';
import { buildFederatedSchema } from './graphql/federation';
import { serveGraphQL, ServedSubgraph } from './http/graphql-server';
import { createLogger } from './logger';
import { jobsConfigSchema } from './jobs/job-definition';
import { JobScheduler } from './jobs/job-scheduler';
import { RunningSubgraph, ServiceDeps, SubgraphDefinition } from './subgraph-definition';

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
  const jobDefinitions = definition.jobs?.(deps) ?? [];
  const jobs =
    jobDefinitions.length > 0
      ? new JobScheduler({
          connectionString: databaseUrl(config.DATABASE_URL, config.DATABASE_NAME),
          service: definition.name,
          definitions: jobDefinitions,
          deps,
          logger,
          config: loadConfig(jobsConfigSchema, options.env ?? process.env),
        })
      : null;
  let served: ServedSubgraph;
  try {
    await ensureTopics(kafka, definition.produces.map((event) => prefixed(config.KAFKA_TOPIC_PREFIX, event.topic)));
    await relay.start();
    await consumer?.start();
    await jobs?.start();
    for (const worker of workers) await worker.start();
    const instances = new Map<unknown, unknown>();
    const { schema } = await buildFederatedSchema(
      {
        resolvers: [...definition.resolvers, auditTrailResolver(definition.name)],
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
    recordMutations(schema, dataSource); // every mutation leaves its trail in its own transaction
    served = await serveGraphQL(schema, config, dataSource, logger, definition.access?.(deps), definition.internal?.(deps), definition.http?.(deps));
  } catch (error) {
    // Nothing half-started is left behind: a failed boot releases its broker and database connections.
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await consumer?.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  const { httpServer, apollo } = served;
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}/graphql`;
  logger.info({ url, startMs: Date.now() - started }, `${definition.name} ready`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down: draining HTTP, stopping consumers, flushing the outbox');
      await apollo.stop(); // drains HTTP through the plugin
      httpServer.closeAllConnections?.();
      for (const worker of workers) await worker.stop();
      await consumer?.stop();
      await jobs?.stop(); // running handlers finish and write their outbox rows before the relay's last flush
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
  return { url, port, deps, relay, consumer, jobs, stop };
}
