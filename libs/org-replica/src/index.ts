import { DataSource } from 'typeorm';
import { AccessResolver, Logger } from '@iso27001/platform';
import { RoleAssignmentReplicaService } from './access.service';
import { OrgReplica1764300006000 } from './org-replica.migration';
import { PersonReplicaEntity } from './person-replica.entity';
import { RoleAssignmentReplicaEntity } from './role-assignment-replica.entity';
import { RoleAssignmentReplica1764300007000 } from './role-assignment.migration';
import { UnitReplicaEntity } from './unit-replica.entity';

export * from './person-replica.entity';
export * from './unit-replica.entity';
export * from './person-replica.service';
export * from './unit-replica.service';
export * from './org-replica.handlers';
export * from './org-replica.migration';
export * from './role-assignment-replica.entity';
export * from './role-assignment.migration';
export * from './access.service';
export { normaliseEmail, type PersonField, type UnitField } from './org-replica.rules';

/** The replica's entities, for a subgraph definition's `entities`. */
export const orgReplicaEntities = [PersonReplicaEntity, UnitReplicaEntity, RoleAssignmentReplicaEntity];

/**
 * The replica's migrations in order, for a subgraph definition's `migrations` (after the service's own: a service
 * migration that refers to these tables needs a later timestamp).
 */
export const orgReplicaMigrations = [OrgReplica1764300006000, RoleAssignmentReplica1764300007000];

/** Resolves each request's caller from the replica (person, role assignments, unit subtrees), for `access`. */
export function orgReplicaAccess(deps: { logger: Logger; dataSource: DataSource }): AccessResolver {
  const assignments = new RoleAssignmentReplicaService(deps);
  return { resolve: (claims) => assignments.access(deps.dataSource, claims) };
}
