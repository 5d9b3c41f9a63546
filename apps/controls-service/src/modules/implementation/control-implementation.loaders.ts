import DataLoader from 'dataloader';
import { oneToManyLoader, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { ControlImplementationEntity } from './control-implementation.entity';
import { ControlImplementationService } from './control-implementation.service';
import { OperatingStatusEntity } from './operating-status.entity';
import { OperatingStatusService } from './operating-status.service';

/** Per request: implementations of controls within the caller's reach, batched into one query for all 93 rows of an SoA. */
export function implementationsLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, ControlImplementationEntity[]> {
  return oneToManyLoader(context, 'controlImplementationsByControl', (controlIds: readonly string[]) =>
    new ControlImplementationService(deps).byControls(context.claims.organisationId, controlIds, context.access),
  );
}

/** Per request: operating statuses of controls, batched. */
export function operatingStatusLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, OperatingStatusEntity | null> {
  return oneToOneLoader(context, 'controlOperatingStatus', (controlIds: readonly string[]) =>
    new OperatingStatusService(deps).statuses(context.claims.organisationId, controlIds),
  );
}
