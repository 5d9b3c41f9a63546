import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/**
 * A platform team's API identity: roles and units like a person's, a token stored only as its SHA-256, an expiry,
 * its last use, and revocation. The gateway checks it on every request.
 */
@AuditUnit({ internal: true })
@Entity({ name: 'service_account' })
export class ServiceAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ name: 'unit_ids', type: 'uuid', array: true })
  unitIds: string[];

  /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** The first characters of the token, so a person can tell which one a system holds. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'created_by_name', type: 'text' })
  createdByName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_name', type: 'text', nullable: true })
  revokedByName: string | null;
}
