import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { ControlImplementationEntity } from './control-implementation.entity';
import { ControlImplementationService } from './control-implementation.service';
import { OperatingStatusEntity } from './operating-status.entity';
import { OperatingStatusService } from './operating-status.service';

/** Per request: implementations of controls, batched into one query for all 93 rows of an SoA. */
export function implementationsLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, ControlImplementationEntity[]> {
  return loader(context, 'controlImplementationsByControl', () => {
    const service = new ControlImplementationService(deps);
    return new DataLoader<string, ControlImplementationEntity[]>(async (controlIds) => {
      const byControl = await service.byControls(context.claims.organisationId, controlIds);
      return controlIds.map((id) => byControl.get(id) ?? []);
    });
  });
}

/** Per request: operating statuses of controls, batched. */
export function operatingStatusLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, OperatingStatusEntity | undefined> {
  return loader(context, 'controlOperatingStatus', () => {
    const service = new OperatingStatusService(deps);
    return new DataLoader<string, OperatingStatusEntity | undefined>(async (controlIds) => {
      const statuses = await service.statuses(context.claims.organisationId, controlIds);
      return controlIds.map((id) => statuses.get(id));
    });
  });
}
