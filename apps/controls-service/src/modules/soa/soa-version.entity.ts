import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { ImplementationStatus, SoaReason } from './soa-entry.entity';

/** One entry as it stood when a version was published (catalogue data is added when it is shown). */
export interface SoaSnapshotEntry {
  controlId: string;
  applicable: boolean;
  reasons: SoaReason[];
  justification: string | null;
  riskIds: string[];
  implementationStatus: ImplementationStatus;
  ownerIds: string[];
  policyIds: string[];
  evidenceIds: string[];
}

/** A published, approved version of the SoA: all 93 entries, immutable. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'soa_version' })
export class SoaVersionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'scope_version', type: 'integer' })
  scopeVersion: number;

  @Column({ name: 'approved_by', type: 'text' })
  approvedBy: string;

  @Column({ name: 'approved_by_name', type: 'text', nullable: true })
  approvedByName: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;

  /** Not loaded by list queries (select it explicitly). */
  @Column({ type: 'jsonb', select: false })
  entries: SoaSnapshotEntry[];
}
