import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EvidenceStatus = 'COLLECTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

@Entity({ name: 'evidence_item' })
@Index(['organisationId', 'controlId', 'collectedAt'])
export class EvidenceItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Annex A 2022 control id (`A.5.15`). */
  @Column({ name: 'control_id', type: 'text', nullable: true })
  controlId: string | null;

  /** Clause of the standard (`7.2`). */
  @Column({ type: 'text', nullable: true })
  clause: string | null;

  @Column({ name: 'collected_at', type: 'timestamptz' })
  collectedAt: Date;

  /** `YYYY-MM-DD`; after it the evidence no longer counts. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text' })
  status: EvidenceStatus;

  /** Hex SHA-256 of the evidence file (content address). */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  /** Subject (claims.sub) of who collected it. */
  @Column({ name: 'collected_by', type: 'text' })
  collectedBy: string;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
