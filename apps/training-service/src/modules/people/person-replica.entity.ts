import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A read-only copy of isms-service's people, kept from `isms.person.upserted`; this service never edits it. */
@Entity({ name: 'person_replica' })
export class PersonReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ name: 'job_role', type: 'text', nullable: true })
  jobRole: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** occurredAt of the event the row was last taken from: an older event never overwrites a newer state. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
