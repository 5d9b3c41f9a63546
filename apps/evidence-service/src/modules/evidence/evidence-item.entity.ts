import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The status of an item is the status of its current version: a newer version awaiting review makes it COLLECTED again. */
export type EvidenceStatus = 'COLLECTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
export type EvidenceSource = 'MANUAL' | 'COLLECTOR' | 'GENERATED';

@Entity({ name: 'evidence_item' })
export class EvidenceItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** The organisation unit (department) the evidence belongs to; null only for rows recorded before evidence had units. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  source: EvidenceSource;

  /** When the current version was collected. */
  @Column({ name: 'collected_at', type: 'timestamptz' })
  collectedAt: Date;

  /** Subject (claims.sub) of who collected the current version. */
  @Column({ name: 'collected_by', type: 'text' })
  collectedBy: string;

  /** `YYYY-MM-DD`: the day the evidence takes effect. */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  /** `YYYY-MM-DD` bounds of the period the evidence covers (an access review of Q1: its first and last day). */
  @Column({ name: 'period_start', type: 'date', nullable: true })
  periodStart: string | null;

  @Column({ name: 'period_end', type: 'date', nullable: true })
  periodEnd: string | null;

  /** `YYYY-MM-DD`; after it the evidence no longer counts (the expiry job marks it EXPIRED). */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text' })
  status: EvidenceStatus;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion: number;

  /** The review of the current version (copied from it, so lists need no join). */
  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
