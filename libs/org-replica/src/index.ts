import { PersonReplicaEntity } from './person-replica.entity';
import { UnitReplicaEntity } from './unit-replica.entity';

export * from './person-replica.entity';
export * from './unit-replica.entity';
export * from './person-replica.service';
export * from './unit-replica.service';
export * from './org-replica.handlers';
export * from './org-replica.migration';
export { normaliseEmail, type PersonField, type UnitField } from './org-replica.rules';

/** The replica's entities, for a subgraph definition's `entities`. */
export const orgReplicaEntities = [PersonReplicaEntity, UnitReplicaEntity];
