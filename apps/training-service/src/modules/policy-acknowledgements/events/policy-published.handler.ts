import { PolicyPublished } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { PolicyAcknowledgementService } from '../policy-acknowledgement.service';

/** Flow 6: a published policy version opens acknowledgement tasks for the people in its audience. */
export function policyPublishedHandler(deps: ServiceDeps) {
  const acknowledgements = new PolicyAcknowledgementService(deps);
  return on(PolicyPublished, async (event, manager) => {
    await acknowledgements.applyPolicyPublished(manager, event);
  });
}
