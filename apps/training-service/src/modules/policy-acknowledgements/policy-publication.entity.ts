import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A policy version published in controls-service, as received from controls.policy.published (read-only replica). */
@Entity({ name: 'policy_publication' })
export class PolicyPublicationEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'version_major', type: 'integer' })
  versionMajor: number;

  @Column({ type: 'boolean' })
  major: boolean;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'boolean' })
  everyone: boolean;

  @Column({ name: 'unit_ids', type: 'uuid', array: true })
  unitIds: string[];

  @Column({ name: 'job_roles', type: 'text', array: true })
  jobRoles: string[];

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** SHA-256 of the version's content, when the publication carried it. */
  @Column({ name: 'content_sha256', type: 'char', length: 64, nullable: true })
  contentSha256: string | null;
}
