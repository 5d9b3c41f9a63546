import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { policyVersionStatuses } from '@iso27001/contracts';

export type PolicyVersionStatus = (typeof policyVersionStatuses)[number];

/**
 * One version of a policy: Markdown text or an uploaded file, never both. The file's bytes are not loaded with the
 * row (`select: false`): lists never carry documents, `policyVersionFile` reads them on demand.
 */
@Entity({ name: 'policy_version' })
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @Column({ type: 'integer' })
  major: number;

  @Column({ type: 'integer' })
  minor: number;

  @Column({ type: 'text' })
  status: PolicyVersionStatus;

  @Column({ name: 'change_summary', type: 'text', nullable: true })
  changeSummary: string | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ name: 'file_content_type', type: 'text', nullable: true })
  fileContentType: string | null;

  @Column({ name: 'file_sha256', type: 'char', length: 64, nullable: true })
  fileSha256: string | null;

  @Column({ name: 'file_size', type: 'integer', nullable: true })
  fileSize: number | null;

  @Column({ name: 'file_content', type: 'bytea', nullable: true, select: false })
  fileContent?: Buffer | null;

  @Column({ name: 'author_id', type: 'text' })
  authorId: string;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  /**
   * The `sub` of everyone who wrote this version's content: its author, whoever revised the draft, and whoever changed
   * the policy's settings while it was open. None of them may approve it.
   */
  @Column({ name: 'contributor_ids', type: 'text', array: true, default: () => "'{}'" })
  contributorIds: string[];

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_id', type: 'text', nullable: true })
  submittedById: string | null;

  @Column({ name: 'submitted_by_name', type: 'text', nullable: true })
  submittedByName: string | null;

  @Column({ name: 'return_comment', type: 'text', nullable: true })
  returnComment: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ name: 'returned_by_name', type: 'text', nullable: true })
  returnedByName: string | null;

  @Column({ name: 'approved_by_id', type: 'text', nullable: true })
  approvedById: string | null;

  @Column({ name: 'approved_by_name', type: 'text', nullable: true })
  approvedByName: string | null;

  @Column({ name: 'approved_as_role', type: 'text', nullable: true })
  approvedAsRole: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'published_by_id', type: 'text', nullable: true })
  publishedById: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
