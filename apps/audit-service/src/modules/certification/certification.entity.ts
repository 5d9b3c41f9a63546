import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type CertificationStatus = 'PLANNED' | 'RECOMMENDED' | 'CERTIFIED';

/** An approved ISMS scope version, as isms.scope.approved announced it (read-only replica). */
@Entity({ name: 'approved_scope_replica' })
export class ApprovedScopeReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;

  @Column({ type: 'boolean', default: false })
  superseded: boolean;
}

/** One certification cycle: a certification body certifies an approved scope for three years. */
@Entity({ name: 'certification_cycle' })
export class CertificationCycleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'certification_body', type: 'text' })
  certificationBody: string;

  @Column({ type: 'text', default: 'ISO/IEC 27001:2022' })
  standard: string;

  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId: string;

  @Column({ name: 'scope_version', type: 'integer' })
  scopeVersion: number;

  /** Who is reminded of the cycle's dates (an isms-service Person id). */
  @Column({ name: 'contact_person_id', type: 'uuid', nullable: true })
  contactPersonId: string | null;

  @Column({ name: 'stage1_engagement_id', type: 'uuid', nullable: true })
  stage1EngagementId: string | null;

  @Column({ name: 'stage2_engagement_id', type: 'uuid', nullable: true })
  stage2EngagementId: string | null;

  @Column({ name: 'surveillance1_engagement_id', type: 'uuid', nullable: true })
  surveillance1EngagementId: string | null;

  @Column({ name: 'surveillance2_engagement_id', type: 'uuid', nullable: true })
  surveillance2EngagementId: string | null;

  @Column({ name: 'recertification_engagement_id', type: 'uuid', nullable: true })
  recertificationEngagementId: string | null;

  @Column({ type: 'text' })
  status: CertificationStatus;

  @Column({ name: 'recommended_at', type: 'timestamptz', nullable: true })
  recommendedAt: Date | null;

  @Column({ name: 'recommended_by', type: 'text', nullable: true })
  recommendedBy: string | null;

  @Column({ name: 'recommendation_comment', type: 'text', nullable: true })
  recommendationComment: string | null;

  @Column({ name: 'certificate_number', type: 'text', nullable: true })
  certificateNumber: string | null;

  /** `YYYY-MM-DD` */
  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  /** `YYYY-MM-DD`: three years after issue, less a day. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
