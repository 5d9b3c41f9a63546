import { IResolvers } from '@graphql-tools/utils';
import type { Router } from 'express';
import { NonEmptyArray } from 'type-graphql';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import { EventDefinition } from '@iso27001/contracts';
import { auditTrailResolver } from './audit-trail/audit-trail.resolver';
import { BaseConfig, baseConfigSchema } from './config';
import { EventConsumer, EventHandler } from './events/consumer';
import { Outbox } from './events/outbox';
import { OutboxRelay } from './events/relay';
import { AccessResolver } from './graphql/context';
import { buildFederatedSchema } from './graphql/federation';
import { JobDefinition } from './jobs/job-definition';
import { JobControl } from './jobs/job-scheduler';
import { Logger } from './logger';
import { BackgroundWorker } from './workers/background-worker';

/** What a service's resolvers, references and handlers are built from. */
export interface ServiceDeps<TConfig extends BaseConfig = BaseConfig> {
  config: TConfig;
  dataSource: DataSource;
  outbox: Outbox;
  logger: Logger;
}

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
/** Everything a service declares about itself; `bootSubgraph` turns it into a running process. */
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
  /**
   * Resolves each request's caller into their access (role assignments, unit subtrees). Without it, access comes
   * from the token alone (its roles and units as given).
   */
  access?: (deps: ServiceDeps<TConfig>) => AccessResolver;
  /**
   * Endpoints only the gateway calls (`/internal/...`, behind the gateway's internal token): checking an audit grant
   * or a service account's token on each request. Never part of the public API.
   */
  internal?: (deps: ServiceDeps<TConfig>) => Router;
  /**
   * Public HTTP endpoints beside `/graphql`, mounted under `/files` behind the same claims check (the gateway's signed
   * claims, resolved into the caller's access: `httpRequestContext(res)`): streams that GraphQL does not carry, such as
   * evidence file uploads and downloads. The router parses its own bodies.
   */
  http?: (deps: ServiceDeps<TConfig>) => Router;
  /** Work the service does besides answering requests and events (e.g. resuming interrupted jobs). */
  workers?: (deps: ServiceDeps<TConfig>) => BackgroundWorker[];
  /**
   * Scheduled work (cron in UTC and/or a run at start) on the PostgreSQL job store in the service's own database:
   * survives restarts and runs each occurrence once across replicas.
   */
  jobs?: (deps: ServiceDeps<TConfig>) => JobDefinition<ServiceDeps<TConfig>>[];
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

export interface RunningSubgraph<TConfig extends BaseConfig = BaseConfig> {
  url: string;
  port: number;
  deps: ServiceDeps<TConfig>;
  relay: OutboxRelay;
  consumer: EventConsumer | null;
  /** The service's scheduled jobs (null when it declares none): `runJobNow(name)` sends a run and awaits it. */
  jobs: JobControl | null;
  stop(): Promise<void>;
}

/** Base settings plus the service's own, read from the environment. */
export function subgraphConfigSchema<T extends z.ZodRawShape>(shape: T) {
  return baseConfigSchema.extend(shape);
}

/** The subgraph's SDL (with federation directives), built without a database: used for composition. */
export async function subgraphSdl(definition: SubgraphDefinition<never> | SubgraphDefinition<any>): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { sdl } = await buildFederatedSchema({ resolvers: [...definition.resolvers, auditTrailResolver(definition.name)], orphanedTypes: definition.orphanedTypes });
  return sdl;
}
