export * from './collector.contract';
export * from './collector.rules';
