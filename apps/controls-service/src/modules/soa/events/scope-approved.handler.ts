import { ScopeApproved } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { SoaVersionService } from '../soa-version.service';

/** The SoA is published against the latest approved ISMS scope; implementations live in its units. */
export function scopeApprovedHandler(deps: ServiceDeps) {
  const versions = new SoaVersionService(deps);
  return on(ScopeApproved, (event, manager) => versions.applyScopeApproved(manager, event));
}
