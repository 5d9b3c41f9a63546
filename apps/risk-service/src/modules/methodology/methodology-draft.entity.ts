import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { MethodologyDefinition } from './methodology.logic';

export type MethodologyDraftStatus = 'SUBMITTED' | 'PUBLISHED' | 'REJECTED';

/**
 * A methodology version submitted for approval: published only when someone other than its submitter and its
 * contributors (who revised it) approves it. At most one is SUBMITTED per organisation at a time.
 */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'risk_methodology_draft' })
export class MethodologyDraftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  status: MethodologyDraftStatus;

  @Column({ type: 'jsonb' })
  definition: MethodologyDefinition;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The version in force when it was submitted: it replaces that one, and is refused if another was published meanwhile. */
  @Column({ name: 'base_version', type: 'integer' })
  baseVersion: number;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ name: 'submitted_by_email', type: 'text', nullable: true })
  submittedByEmail: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  /** Subjects of everyone who wrote or revised it (the submitter first). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  contributors: string[];

  @Column({ name: 'contributor_emails', type: 'text', array: true, default: () => "'{}'" })
  contributorEmails: string[];

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'published_version', type: 'integer', nullable: true })
  publishedVersion: number | null;
}
