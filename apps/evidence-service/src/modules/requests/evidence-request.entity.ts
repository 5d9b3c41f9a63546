import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type EvidenceRequestStatus = 'OPEN' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'ACCEPTED' | 'CANCELLED';
export type EvidenceRequestAction = 'OPENED' | 'REASSIGNED' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'ACCEPTED' | 'CANCELLED' | 'COMMENTED';

/** A request for the evidence one requirement needs from one department, for one period. */
@Entity({ name: 'evidence_request' })
export class EvidenceRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'requirement_id', type: 'uuid' })
  requirementId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'implementation_id', type: 'uuid', nullable: true })
  implementationId: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text' })
  status: EvidenceRequestStatus;

  /** `2026-12`, `2026-Q4`, `2026` or `ONCE`: with the requirement and unit, what makes a request unique. */
  @Column({ name: 'period_key', type: 'text' })
  periodKey: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date', nullable: true })
  periodEnd: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true })
  evidenceIds: string[];

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What happened to a request (transitions and comments), in order. */
@Entity({ name: 'evidence_request_history' })
@AuditUnit({ via: { table: 'evidence_request', key: 'requestId' } })
export class EvidenceRequestHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  action: EvidenceRequestAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: EvidenceRequestStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: EvidenceRequestStatus | null;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}

/** A reminder already sent: one row per dedupe key, so each reminder goes out once. */
@Entity({ name: 'evidence_request_reminder' })
@AuditUnit({ via: { table: 'evidence_request', key: 'requestId' } })
export class EvidenceRequestReminderEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
