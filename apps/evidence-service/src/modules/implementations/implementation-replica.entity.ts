import { Column, Entity, PrimaryColumn } from 'typeorm';

/** controls-service's implementation of a control in a unit, as its ControlImplementationChanged events say. */
@Entity({ name: 'control_implementation_replica' })
export class ControlImplementationReplicaEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'boolean' })
  removed: boolean;

  /** When the event that wrote this row happened: an older event arriving late changes nothing. */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** Whether a control is applicable in the SoA, and its owner, as controls-service's SoaEntryChanged events say. */
@Entity({ name: 'soa_applicability_replica' })
export class SoaApplicabilityReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'boolean' })
  applicable: boolean;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
