import { OrgUnitUpserted, PersonUpserted } from '@iso27001/contracts';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, IsmsConfig } from './config';
import { IsmsInitial1764300000100 } from './migrations/1764300000100-isms-initial.migration';
import { OrgUnitEntity } from './modules/org-units/org-unit.entity';
import { orgUnitReference } from './modules/org-units/org-unit.reference';
import { OrgUnitResolver } from './modules/org-units/org-unit.resolver';
import { PersonEntity } from './modules/people/person.entity';
import { personReference } from './modules/people/person.reference';
import { PersonResolver } from './modules/people/person.resolver';

/** isms-service: organisation units and people (and, as the product grows, scope, context, objectives, plan). */
export const isms: SubgraphDefinition<IsmsConfig> = {
  name: 'isms-service',
  configSchema,
  entities: [OrgUnitEntity, PersonEntity],
  migrations: [IsmsInitial1764300000100],
  resolvers: [OrgUnitResolver, PersonResolver],
  references: (deps) => ({ ...orgUnitReference(deps), ...personReference(deps) }),
  produces: [OrgUnitUpserted, PersonUpserted],
};
