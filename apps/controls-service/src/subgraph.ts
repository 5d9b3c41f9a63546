import { SoaEntryChanged } from '@iso27001/contracts';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, ControlsConfig } from './config';
import { ControlsInitial1764300000300 } from './migrations/1764300000300-controls-initial.migration';
import { controlReference } from './modules/catalogue/control.reference';
import { ControlResolver } from './modules/catalogue/control.resolver';
import { riskUpsertedHandler } from './modules/soa/events/risk-upserted.handler';
import { RiskControlLinkEntity } from './modules/soa/risk-control-link.entity';
import { SoaEntryEntity } from './modules/soa/soa-entry.entity';
import { SoaEntryResolver } from './modules/soa/soa-entry.resolver';

/** controls-service: the Annex A catalogue and the Statement of Applicability (policies, gap analysis as the product grows). */
export const controls: SubgraphDefinition<ControlsConfig> = {
  name: 'controls-service',
  configSchema,
  entities: [SoaEntryEntity, RiskControlLinkEntity],
  migrations: [ControlsInitial1764300000300],
  resolvers: [ControlResolver, SoaEntryResolver],
  references: () => ({ ...controlReference() }),
  produces: [SoaEntryChanged],
  handlers: (deps) => [riskUpsertedHandler(deps)],
};
