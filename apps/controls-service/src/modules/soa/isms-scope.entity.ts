import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** Replica of the organisation's latest approved ISMS scope (isms.scope.approved); the SoA is published against it. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'isms_scope' })
export class IsmsScopeEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'in_scope_unit_ids', type: 'uuid', array: true })
  inScopeUnitIds: string[];

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;
}
