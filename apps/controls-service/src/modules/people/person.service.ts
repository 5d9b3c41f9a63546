import { EntityManager } from 'typeorm';
import { PersonReplicaEntity, PersonReplicaService, unknownPeople } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { ControlsConfig } from '../../config';

/** The people isms-service has told this service about (its `person_replica`): whom a control may name as owner. */
export class PersonService {
  private readonly replica: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.replica = new PersonReplicaService(deps);
  }

  /** How long an id the replica does not know yet is looked up again before it is refused. */
  get waitMs(): number {
    return (this.deps.config as Partial<ControlsConfig>).PERSON_REPLICA_WAIT_MS ?? 5_000;
  }

  /**
   * The ids among `wanted` that are not active people of the organisation (empty when all are), leaving out ids
   * `current` already names: an owner who has since left stays until someone removes them, and does not block an
   * unrelated change. An id the replica lacks is looked up again for up to `waitMs` (a person created a moment ago).
   */
  async refusedOwners(manager: EntityManager, organisationId: string, wanted: readonly string[], current: readonly (string | null)[], waitMs = this.waitMs): Promise<string[]> {
    const kept = new Set(current.filter((id): id is string => !!id).map((id) => id.toLowerCase()));
    const added = wanted.filter((id) => !kept.has(id.toLowerCase()));
    return unknownPeople(manager, organisationId, added, waitMs);
  }

  /** The people the replica knows among the ids (active or not), keyed by lower-cased id. */
  known(organisationId: string, ids: readonly string[]): Promise<Map<string, PersonReplicaEntity>> {
    return this.replica.byIds(this.deps.dataSource.manager, organisationId, ids);
  }
}
