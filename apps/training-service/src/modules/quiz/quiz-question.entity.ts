import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type QuizQuestionKind = 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE';

/** A question of a course version's pool. `correct` holds option ids and never leaves the service. */
@AuditUnit({ internal: true })
@Entity({ name: 'quiz_question' })
@Index(['courseId', 'version', 'position'])
export class QuizQuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  kind: QuizQuestionKind;

  @Column({ type: 'text' })
  text: string;

  /** `[{ id, text }]`, in the order shown. */
  @Column({ type: 'jsonb' })
  options: { id: string; text: string }[];

  /** The ids of the correct options (exactly one for a single-choice question). */
  @Column({ type: 'jsonb' })
  correct: string[];
}
