import { FindingRaised } from '@iso27001/contracts';
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
  entities: [EngagementEntity, FindingEntity],
  migrations: [AuditInitial1764300000600],
  resolvers: [EngagementResolver, FindingResolver],
  references: (deps) => ({ ...engagementReference(deps), ...findingReference(deps) }),
  produces: [FindingRaised],
};
