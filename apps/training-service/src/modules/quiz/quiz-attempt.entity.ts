import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** One quiz attempt of an assignment: the questions drawn (graded against), the answers given and the result. */
@AuditUnit({ internal: true })
@Entity({ name: 'quiz_attempt' })
@Index(['assignmentId', 'startedAt'])
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'question_ids', type: 'uuid', array: true })
  questionIds: string[];

  /** `{ questionId: optionIds[] }` once submitted. */
  @Column({ type: 'jsonb', nullable: true })
  answers: Record<string, string[]> | null;

  @Column({ type: 'integer', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}

/** An extra attempt granted by an ISMS manager once the attempts allowed were used up. */
@AuditUnit({ internal: true })
@Entity({ name: 'quiz_attempt_grant' })
export class QuizAttemptGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
