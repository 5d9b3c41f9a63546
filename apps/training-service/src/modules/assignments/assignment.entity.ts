import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type AssignmentStatus = 'ASSIGNED' | 'COMPLETED' | 'OVERDUE';

/** Assignments that are not completed yet; at most one per course and person. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['ASSIGNED', 'OVERDUE'];

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
