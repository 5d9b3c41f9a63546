import { PersonUpserted } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { PolicyAcknowledgementService } from '../../policy-acknowledgements/policy-acknowledgement.service';
import { PersonReplicaService } from '../person-replica.service';

/**
 * Keeps `person_replica` in step with isms-service (flow 7): whom training can be assigned to. A person who joins
 * (or moves into a policy's audience) after a policy was published gets its acknowledgement task (flow 6).
 */
export function personUpsertedHandler(deps: ServiceDeps) {
  const replica = new PersonReplicaService(deps);
  const acknowledgements = new PolicyAcknowledgementService(deps);
  return on(PersonUpserted, async (event, manager) => {
    if (await replica.apply(manager, event)) {
      await acknowledgements.applyPersonChanged(manager, event.organisationId, event.data.id);
    }
  });
}
