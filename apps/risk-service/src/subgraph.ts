import { RiskUpserted } from '@iso27001/contracts';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, RiskConfig } from './config';
import { RiskInitial1764300000200 } from './migrations/1764300000200-risk-initial.migration';
import { RiskEntity } from './modules/risks/risk.entity';
import { riskReference } from './modules/risks/risk.reference';
import { RiskResolver } from './modules/risks/risk.resolver';

/** risk-service: the risk register and treatment decisions (assets, methodology, residual risk as the product grows). */
export const risk: SubgraphDefinition<RiskConfig> = {
  name: 'risk-service',
  configSchema,
  entities: [RiskEntity],
  migrations: [RiskInitial1764300000200],
  resolvers: [RiskResolver],
  references: (deps) => ({ ...riskReference(deps) }),
  produces: [RiskUpserted],
};
