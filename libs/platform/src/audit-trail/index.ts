export * from './audit-trail.rules';
export * from './audit-trail.service';
export * from './audit-trail.middleware';
export * from './audit-trail.subscriber';
export * from './audit-trail.migration';
export * from './audit-trail.resolver';
export * from './audit-trail.scope';
export * from './audit-trail.type';
