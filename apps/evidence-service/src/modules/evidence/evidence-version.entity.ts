import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EvidenceVersionKind = 'FILE' | 'LINK' | 'RECORD' | 'GENERATED';
export type EvidenceVersionStatus = 'COLLECTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED' | 'SUPERSEDED';

/** One version of an evidence item; a newer one supersedes it, and it stays as history. */
@Entity({ name: 'evidence_version' })
export class EvidenceVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  kind: EvidenceVersionKind;

  /** FILE and GENERATED: the stored file (evidence_file). */
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId: string | null;

  /** LINK: an https address. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** RECORD: the collector's JSON payload. */
  @Column({ type: 'jsonb', nullable: true })
  payload: unknown;

  /** RECORD: whether the collector's assertion held. */
  @Column({ name: 'assertion_passed', type: 'boolean', nullable: true })
  assertionPassed: boolean | null;

  /** GENERATED: what the document was generated from. */
  @Column({ type: 'jsonb', nullable: true })
  provenance: unknown;

  /** FILE/GENERATED: the file's content hash; RECORD: the hash of the payload's canonical JSON. */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'text' })
  status: EvidenceVersionStatus;

  /** The review's outcome, kept when the version is later superseded or expires. */
  @Column({ type: 'text', nullable: true })
  decision: 'APPROVED' | 'REJECTED' | null;

  @Column({ name: 'collected_by', type: 'text' })
  collectedBy: string;

  @Column({ name: 'collected_at', type: 'timestamptz' })
  collectedAt: Date;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
