import { EntityManager } from 'typeorm';
import { EventData, OrgUnitUpserted, PersonUpserted, RoleAssignmentChanged } from '@iso27001/contracts';
import { EventHandler, Logger, on, onMany } from '@iso27001/platform';
import { RoleAssignmentReplicaService } from './access.service';
import { PersonReplicaChange, PersonReplicaService } from './person-replica.service';
import { UnitReplicaChange, UnitReplicaService } from './unit-replica.service';

/**
 * What a service does when the replica actually changed, in the consumer's transaction (so its own writes commit or
 * roll back with the row). Not called for an older event, nor for the same state delivered again.
 */
export interface OrgReplicaHooks {
  personChanged?(manager: EntityManager, change: PersonReplicaChange): Promise<void>;
  unitChanged?(manager: EntityManager, change: UnitReplicaChange): Promise<void>;
}

/** Keeps `person_replica` in step with isms-service (`isms.person.upserted`). */
export function personUpsertedHandler(deps: { logger: Logger }, hook?: OrgReplicaHooks['personChanged']): EventHandler<EventData<typeof PersonUpserted>> {
  const people = new PersonReplicaService(deps);
  // Set-based: a bulk import in isms-service arrives as thousands of these in a row.
  return onMany(PersonUpserted, async (events, manager) => {
    const changes = await people.applyMany(manager, events);
    if (hook) for (const change of changes) await hook(manager, change);
  });
}

/** Keeps `unit_replica` in step with isms-service (`isms.org-unit.upserted`). */
export function orgUnitUpsertedHandler(deps: { logger: Logger }, hook?: OrgReplicaHooks['unitChanged']): EventHandler<EventData<typeof OrgUnitUpserted>> {
  const units = new UnitReplicaService(deps);
  return on(OrgUnitUpserted, async (event, manager) => {
    const change = await units.apply(manager, event);
    if (change && hook) await hook(manager, change);
  });
}

/** Keeps `role_assignment_replica` in step with isms-service (`isms.role-assignment.changed`). */
export function roleAssignmentChangedHandler(deps: { logger: Logger }): EventHandler<EventData<typeof RoleAssignmentChanged>> {
  const assignments = new RoleAssignmentReplicaService(deps);
  return on(RoleAssignmentChanged, async (event, manager) => {
    await assignments.apply(manager, event);
  });
}

/** The replica's handlers (people, units, role assignments), for a subgraph definition's `handlers`. */
export function orgReplicaHandlers(
  deps: { logger: Logger },
  hooks: OrgReplicaHooks = {},
): [EventHandler<EventData<typeof PersonUpserted>>, EventHandler<EventData<typeof OrgUnitUpserted>>, EventHandler<EventData<typeof RoleAssignmentChanged>>] {
  return [personUpsertedHandler(deps, hooks.personChanged?.bind(hooks)), orgUnitUpsertedHandler(deps, hooks.unitChanged?.bind(hooks)), roleAssignmentChangedHandler(deps)];
}
