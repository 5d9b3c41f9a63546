export * from './roles';
export * from './claims';
export * from './claims-token';
export * from './scope';
export * from './scope-rules';
export * from './internal-calls';
export * from './duties';
export * from './credential-status';
