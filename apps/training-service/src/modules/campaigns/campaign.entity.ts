import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type CampaignStatus = 'DRAFT' | 'ENROLLING' | 'LAUNCHED' | 'CLOSED';
export type CampaignRecurrence = 'NONE' | 'YEARLY' | 'MONTHS';

/** Campaigns that enrol people (launched, or enrolling a round): new joiners and movers are enrolled into them. */
export const LIVE_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['ENROLLING', 'LAUNCHED'];

// A campaign's settings and progress are programme data every auditor may read (who is enrolled lives in assignments).
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'campaign' })
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'boolean', default: false })
  everyone: boolean;

  /** Audience units; each includes its sub-units. */
  @Column({ name: 'unit_ids', type: 'uuid', array: true, default: '{}' })
  unitIds: string[];

  /** Audience job roles, normalised (trimmed, single spaces, lower case). */
  @Column({ name: 'job_roles', type: 'text', array: true, default: '{}' })
  jobRoles: string[];

  @Column({ name: 'due_days', type: 'integer' })
  dueDays: number;

  @Column({ type: 'text', default: 'NONE' })
  recurrence: CampaignRecurrence;

  @Column({ name: 'recurrence_months', type: 'integer', nullable: true })
  recurrenceMonths: number | null;

  @Column({ type: 'text', default: 'DRAFT' })
  status: CampaignStatus;

  /** 0 before launch, 1 for the first round, then one more per recurrence. */
  @Column({ type: 'integer', default: 0 })
  round: number;

  @Column({ name: 'target_count', type: 'integer', default: 0 })
  targetCount: number;

  @Column({ name: 'enrolled_count', type: 'integer', default: 0 })
  enrolledCount: number;

  /** The last person id the enrolment batches reached (keyset), null before the first batch of a round. */
  @Column({ name: 'enrolment_cursor', type: 'uuid', nullable: true })
  enrolmentCursor: string | null;

  /** `YYYY-MM-DD`: when a recurring campaign opens its next round. */
  @Column({ name: 'next_round_on', type: 'date', nullable: true })
  nextRoundOn: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
