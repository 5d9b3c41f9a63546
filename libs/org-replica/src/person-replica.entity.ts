import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A read-only copy of isms-service's people, kept from `isms.person.upserted`; a consuming service never edits it. */
@Entity({ name: 'person_replica' })
export class PersonReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** Trimmed and lower-cased: look-ups by e-mail compare the stored value as it is. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId: string | null;

  @Column({ name: 'job_role', type: 'text', nullable: true })
  jobRole: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** occurredAt of the event the row was last taken from: an older event never overwrites a newer state. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
