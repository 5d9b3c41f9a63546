import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Replica of evidence items per control they are mapped to (evidence.item.changed): one row per (item, control), so
 * one accepted item counts for all its controls.
 */
@Entity({ name: 'control_evidence' })
export class ControlEvidenceEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @PrimaryColumn({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'text' })
  status: 'COLLECTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
