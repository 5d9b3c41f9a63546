import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { SoaSnapshotEntry } from './soa-version.entity';

export type SoaSubmissionStatus = 'SUBMITTED' | 'PUBLISHED' | 'REJECTED';

/**
 * The SoA as submitted for approval: published as the next version only when someone other than its submitter and
 * the people who changed its entries since the last version approves it, and only if the live SoA is still the one
 * submitted. At most one is SUBMITTED per organisation at a time.
 */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'soa_version_submission' })
export class SoaVersionSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  status: SoaSubmissionStatus;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'scope_version', type: 'integer' })
  scopeVersion: number;

  /** Not loaded by list queries (select it explicitly). */
  @Column({ type: 'jsonb', select: false })
  entries: SoaSnapshotEntry[];

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ name: 'submitted_by_name', type: 'text', nullable: true })
  submittedByName: string | null;

  @Column({ name: 'submitted_by_email', type: 'text', nullable: true })
  submittedByEmail: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'published_number', type: 'integer', nullable: true })
  publishedNumber: number | null;
}
