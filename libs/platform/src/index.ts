import 'reflect-metadata';

export * from './config';
export * from './logger';
export * from './database/data-source';
export * from './events/outbox';
export * from './events/relay';
export * from './events/consumer';
export * from './events/kafka';
export * from './events/outbox-event.entity';
export * from './events/consumed-event.entity';
export * from './graphql/context';
export * from './graphql/errors';
export * from './graphql/loaders';
export * from './graphql/federation';
export * from './subgraph';
export * from './workers';
