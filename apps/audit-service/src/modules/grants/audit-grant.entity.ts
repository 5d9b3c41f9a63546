import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An external auditor's access to one engagement: the units in scope, the observation period, an expiry. The gateway
 * checks it on every request the auditor makes, so a revoked or expired grant counts from the next request.
 */
@Entity({ name: 'audit_grant' })
export class AuditGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId: string;

  @Column({ name: 'auditor_name', type: 'text' })
  auditorName: string;

  /** Lower-cased; the identity provider's e-mail of the auditor must match it. */
  @Column({ name: 'auditor_email', type: 'text' })
  auditorEmail: string;

  @Column({ type: 'text' })
  firm: string;

  @Column({ name: 'unit_ids', type: 'uuid', array: true })
  unitIds: string[];

  /** `YYYY-MM-DD` */
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  /** `YYYY-MM-DD`, never before periodStart. */
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'granted_by_sub', type: 'text' })
  grantedBySub: string;

  @Column({ name: 'granted_by_name', type: 'text' })
  grantedByName: string;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_name', type: 'text', nullable: true })
  revokedByName: string | null;

  /** SHA-256 of the one-time invitation code, while one is outstanding; the code itself is never stored. */
  @Column({ name: 'invitation_hash', type: 'text', nullable: true })
  invitationHash: string | null;

  @Column({ name: 'invitation_expires_at', type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}

/** One line of the append-only access log of an auditor's grant: a sign-in, a request, a download or a refusal. */
@Entity({ name: 'auditor_access_log' })
export class AuditorAccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'grant_id', type: 'uuid' })
  grantId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** SIGN_IN, REQUEST, DOWNLOAD or REFUSED */
  @Column({ type: 'text' })
  kind: string;

  /** What was asked: `query AuditEngagement (engagement, findings)`, a download path, or why it was refused. */
  @Column({ type: 'text' })
  detail: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
