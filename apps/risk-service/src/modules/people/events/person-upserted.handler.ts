import { PersonUpserted } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { PersonReplicaService } from '../person-replica.service';

/** Keeps `person_replica` in step with isms-service (flow 7): who may own risks, assets and actions. */
export function personUpsertedHandler(deps: ServiceDeps) {
  const replica = new PersonReplicaService(deps);
  return on(PersonUpserted, async (event, manager) => {
    await replica.apply(manager, event);
  });
}
