export * from './database';
export * from './kafka';
export * from './eventually';
export * from './subgraph';
export * from './events';
export * from './outage';
export * from './s3';
