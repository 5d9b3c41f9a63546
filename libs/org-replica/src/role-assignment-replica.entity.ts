import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A read-only copy of isms-service's role assignments, kept from `isms.role-assignment.changed`: a role over a unit
 * and its sub-units, given to a person or to an identity-provider group. A revoked one stays with `active` false.
 */
@Entity({ name: 'role_assignment_replica' })
export class RoleAssignmentReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'group_name', type: 'text', nullable: true })
  group: string | null;

  @Column({ type: 'text' })
  role: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** occurredAt of the event the row was last taken from: an older event never overwrites a newer state. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
