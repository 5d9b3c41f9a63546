import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from './org-unit.entity';
import { toOrgUnitType } from './org-unit.mapper';
import { OrgUnitService } from './org-unit.service';

/** Batches unit look-ups for one request (references from other subgraphs and Person.unit). */
export function orgUnitLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, OrgUnitEntity | null> {
  return oneToOneLoader(context, 'orgUnits', (ids) => new OrgUnitService(deps).byIds(context.claims.organisationId, ids));
}

export function orgUnitReference(deps: ServiceDeps) {
  return {
    OrgUnit: {
      __resolveReference: scopedReference(ScopeRule.Parent, 'a unit named on a record the caller may read; the gateway reaches it only from such a record', async (reference: { id: string }, context: RequestContext) => {
        const unit = await orgUnitLoader(deps, context).load(reference.id);
        return unit ? toOrgUnitType(unit) : null;
      }),
    },
  };
}
