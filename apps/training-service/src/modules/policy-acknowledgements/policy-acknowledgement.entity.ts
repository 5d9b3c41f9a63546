import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type PolicyAcknowledgementStatus = 'PENDING' | 'ACKNOWLEDGED' | 'SUPERSEDED';

/** A person's task to read and acknowledge a published policy version (flow 6). */
@AuditUnit({ via: { table: 'person_replica', key: 'personId', idColumn: 'person_id' } })
@Entity({ name: 'policy_acknowledgement' })
export class PolicyAcknowledgementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'version_major', type: 'integer' })
  versionMajor: number;

  @Column({ name: 'policy_title', type: 'text' })
  policyTitle: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  status: PolicyAcknowledgementStatus;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** The version in force when acknowledged: the task's own, or a later minor version of the same major. */
  @Column({ name: 'acknowledged_version_id', type: 'uuid', nullable: true })
  acknowledgedVersionId: string | null;

  @Column({ name: 'acknowledged_version', type: 'text', nullable: true })
  acknowledgedVersion: string | null;

  /** SHA-256 of the acknowledged version's content (null when its publication carried none). */
  @Column({ name: 'content_sha256', type: 'char', length: 64, nullable: true })
  contentSha256: string | null;

  /** The address the acknowledgement came from, as the gateway saw it. */
  @Column({ name: 'acknowledged_address', type: 'text', nullable: true })
  acknowledgedAddress: string | null;

  @Column({ name: 'acknowledged_user_agent', type: 'text', nullable: true })
  acknowledgedUserAgent: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
