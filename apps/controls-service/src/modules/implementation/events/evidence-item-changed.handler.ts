import { EvidenceItemChanged } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { OperatingStatusService } from '../operating-status.service';

/** Flow 3: evidence approved or expired changes the control's operating status. */
export function evidenceItemChangedHandler(deps: ServiceDeps) {
  const statuses = new OperatingStatusService(deps);
  return on(EvidenceItemChanged, (event, manager) => statuses.applyEvidence(manager, event));
}
