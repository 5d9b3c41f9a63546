import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A read-only copy of isms-service's organisation units, kept from `isms.org-unit.upserted`. A parent may arrive
 * after its children (events of different units are not ordered), so `parent_id` is not a foreign key.
 */
@Entity({ name: 'unit_replica' })
export class UnitReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'text' })
  name: string;

  /** BUSINESS_UNIT, DEPARTMENT or TEAM today; kept as text so a kind added to the contract needs no migration. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** occurredAt of the event the row was last taken from: an older event never overwrites a newer state. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
