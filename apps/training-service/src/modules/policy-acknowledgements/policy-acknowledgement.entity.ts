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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
