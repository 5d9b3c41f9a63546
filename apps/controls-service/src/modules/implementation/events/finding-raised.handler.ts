import { FindingChanged, FindingRaised } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { OperatingStatusService } from '../operating-status.service';

/** Flow 5: an open major/minor nonconformity marks the control NONCONFORMING; closing it restores the status. */
export function findingRaisedHandler(deps: ServiceDeps) {
  const statuses = new OperatingStatusService(deps);
  return on(FindingRaised, (event, manager) => statuses.applyFinding(manager, event));
}

/** Flow 5: a finding closed by an auditor (after its corrective action was found effective) stops holding the control. */
export function findingChangedHandler(deps: ServiceDeps) {
  const statuses = new OperatingStatusService(deps);
  return on(FindingChanged, (event, manager) => statuses.applyFinding(manager, event));
}
