import { OrgReplicaHooks } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { PolicyAcknowledgementService } from '../policy-acknowledgement.service';
import { personChangeMayJoinAudience, unitChangeMayJoinAudience } from '../policy-acknowledgement.rules';

/**
 * Flow 6 for people who enter a policy's audience after its publication, in the replica's transaction: a person who
 * joins or moves (unit, job role), and the people of a unit that arrives or moves under an audience unit.
 */
export function acknowledgementOrgHooks(deps: ServiceDeps): OrgReplicaHooks {
  const acknowledgements = new PolicyAcknowledgementService(deps);
  return {
    async personChanged(manager, change) {
      if (personChangeMayJoinAudience(change)) await acknowledgements.applyPersonChanged(manager, change.after);
    },
    async unitChanged(manager, change) {
      if (unitChangeMayJoinAudience(change)) await acknowledgements.applyUnitChanged(manager, change.after);
    },
  };
}
