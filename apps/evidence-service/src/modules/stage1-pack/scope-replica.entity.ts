import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An approved version of the ISMS scope, as isms-service's ScopeApproved events say: the Stage 1 pack is built per version. */
@Entity({ name: 'isms_scope_replica' })
export class ScopeReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'in_scope_unit_ids', type: 'uuid', array: true })
  inScopeUnitIds: string[];

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;

  @Column({ name: 'approved_by', type: 'text' })
  approvedBy: string;

  /** A later approved version replaced it. */
  @Column({ type: 'boolean' })
  superseded: boolean;
}
