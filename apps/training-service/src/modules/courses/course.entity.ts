import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type CourseKind = 'AWARENESS' | 'ROLE_BASED' | 'POLICY';

/** What the trainee reads: Markdown text, a file of the evidence store, or an https link. */
export type CourseContentKind = 'MARKDOWN' | 'EVIDENCE_FILE' | 'LINK';

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'course' })
@Index(['organisationId', 'title'])
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  kind: CourseKind;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'content_kind', type: 'text', nullable: true })
  contentKind: CourseContentKind | null;

  @Column({ name: 'content_markdown', type: 'text', nullable: true })
  contentMarkdown: string | null;

  /** An evidence file id (evidence-service); the portal links to it through the gateway's `/evidence/files/:id`. */
  @Column({ name: 'content_file_id', type: 'uuid', nullable: true })
  contentFileId: string | null;

  @Column({ name: 'content_url', type: 'text', nullable: true })
  contentUrl: string | null;

  /** The version in force: new assignments and attempts use it; history in course_version. */
  @Column({ name: 'current_version', type: 'integer', default: 1 })
  currentVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
