import { FindingRaised } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { AuditConfig, configSchema } from './config';
import { AuditInitial1764300000600 } from './migrations/1764300000600-audit-initial.migration';
import { EngagementEntity } from './modules/engagements/engagement.entity';
import { engagementReference } from './modules/engagements/engagement.reference';
import { EngagementResolver } from './modules/engagements/engagement.resolver';
import { FindingEntity } from './modules/findings/finding.entity';
import { findingReference } from './modules/findings/finding.reference';
import { FindingResolver } from './modules/findings/finding.resolver';

/** audit-service: audit engagements and their findings (programmes, corrective actions, reviews as the product grows). */
export const audit: SubgraphDefinition<AuditConfig> = {
  name: 'audit-service',
  configSchema,
  entities: [EngagementEntity, FindingEntity, ...orgReplicaEntities],
  migrations: [AuditInitial1764300000600, ...orgReplicaMigrations],
  resolvers: [EngagementResolver, FindingResolver],
  references: (deps) => ({ ...engagementReference(deps), ...findingReference(deps) }),
  // People, units and role assignments from isms-service: each request's caller is scoped by them.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [...orgReplicaHandlers(deps)],
  produces: [FindingRaised],
};
