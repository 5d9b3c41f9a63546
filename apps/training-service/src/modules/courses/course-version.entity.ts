import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { CourseContentKind } from './course.entity';

/** One published version of a course: its content, its quiz settings and whether everyone had to retake it. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'course_version' })
@Index(['courseId', 'version'], { unique: true })
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'content_kind', type: 'text', nullable: true })
  contentKind: CourseContentKind | null;

  @Column({ name: 'content_markdown', type: 'text', nullable: true })
  contentMarkdown: string | null;

  @Column({ name: 'content_file_id', type: 'uuid', nullable: true })
  contentFileId: string | null;

  @Column({ name: 'content_url', type: 'text', nullable: true })
  contentUrl: string | null;

  @Column({ name: 'change_note', type: 'text', nullable: true })
  changeNote: string | null;

  @Column({ name: 'retake_required', type: 'boolean', default: false })
  retakeRequired: boolean;

  /** Null: this version has no quiz. */
  @Column({ name: 'quiz_pass_mark', type: 'integer', nullable: true })
  quizPassMark: number | null;

  @Column({ name: 'quiz_questions_drawn', type: 'integer', nullable: true })
  quizQuestionsDrawn: number | null;

  @Column({ name: 'quiz_max_attempts', type: 'integer', nullable: true })
  quizMaxAttempts: number | null;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
