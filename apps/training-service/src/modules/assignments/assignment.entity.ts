import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type AssignmentStatus = 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED' | 'OVERDUE' | 'EXEMPT' | 'WITHDRAWN';

/** Assignments still owed (not completed, exempt or withdrawn); at most one per course and person. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'OVERDUE'];

/** Assignments nobody owes any more: done, excused or taken back. */
export const CLOSED_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['COMPLETED', 'EXEMPT', 'WITHDRAWN'];

@AuditUnit({ via: { table: 'person_replica', key: 'personId', idColumn: 'person_id' } })
@Entity({ name: 'assignment' })
@Index(['organisationId', 'personId'])
@Index(['organisationId', 'courseId'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** `YYYY-MM-DD` (PostgreSQL `date`). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  status: AssignmentStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The campaign that enrolled the person; null for an assignment made by hand. */
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  /** The round of its campaign that enrolled the person (a recurring campaign enrols again each round). */
  @Column({ name: 'campaign_round', type: 'integer', nullable: true })
  campaignRound: number | null;

  /** The course version the assignment is for (the course's current version when assigned). */
  @Column({ name: 'course_version', type: 'integer', nullable: true })
  courseVersion: number | null;

  /** The best quiz score in percent, once an attempt was made. */
  @Column({ type: 'integer', nullable: true })
  score: number | null;

  @Column({ name: 'attempt_count', type: 'integer', default: 0 })
  attemptCount: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'exempt_reason', type: 'text', nullable: true })
  exemptReason: string | null;

  /** The subject of whoever granted the exemption. */
  @Column({ name: 'exempted_by', type: 'text', nullable: true })
  exemptedBy: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
