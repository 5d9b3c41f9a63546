import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { implementationStatuses, soaReasons } from '@iso27001/contracts';

export type SoaReason = (typeof soaReasons)[number];
export type ImplementationStatus = (typeof implementationStatuses)[number];

/** One organisation's decision on one Annex A control. No row yet means "not applicable, no reasons". */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'soa_entry' })
export class SoaEntryEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'boolean', default: false })
  applicable: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons: SoaReason[];

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  /** The MODIFY-treated risks that link the control (replica of risk-service's decisions). */
  @Column({ name: 'risk_ids', type: 'uuid', array: true, default: () => "'{}'" })
  riskIds: string[];

  /** The first of `ownerIds` (kept for events and readers that know one owner). */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'owner_ids', type: 'uuid', array: true, default: () => "'{}'" })
  ownerIds: string[];

  @Column({ name: 'policy_ids', type: 'uuid', array: true, default: () => "'{}'" })
  policyIds: string[];

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: () => "'{}'" })
  evidenceIds: string[];

  @Column({ name: 'implementation_status', type: 'text', default: 'NOT_STARTED' })
  implementationStatus: ImplementationStatus;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
