import { ControlImplementationChanged, SoaEntryChanged } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { ImplementationReplicaService } from '../implementation-replica.service';

/** Flow 2: a control becoming applicable (or not), or its owner changing, opens, re-assigns or cancels requests. */
export function soaEntryChangedHandler(deps: ServiceDeps) {
  const replica = new ImplementationReplicaService(deps);
  return on(SoaEntryChanged, (event, manager) => replica.applySoaEntry(manager, event));
}

/** Flow 2: an implementation in a department (new, re-owned, removed) opens, re-assigns or cancels its requests. */
export function controlImplementationChangedHandler(deps: ServiceDeps) {
  const replica = new ImplementationReplicaService(deps);
  return on(ControlImplementationChanged, (event, manager) => replica.applyImplementation(manager, event));
}
