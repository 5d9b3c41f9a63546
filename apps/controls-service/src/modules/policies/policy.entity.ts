import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The roles a policy may name as its approver (top management, the ISMS manager, an owner role). */
export const POLICY_APPROVER_ROLES = ['admin', 'isms_manager', 'executive', 'risk_owner', 'control_owner'] as const;
export type PolicyApproverRole = (typeof POLICY_APPROVER_ROLES)[number];

/** A policy document of one organisation; its content lives in its versions. */
@Entity({ name: 'policy' })
export class PolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'approver_role', type: 'text' })
  approverRole: PolicyApproverRole;

  @Column({ name: 'audience_everyone', type: 'boolean' })
  audienceEveryone: boolean;

  @Column({ name: 'audience_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  audienceUnitIds: string[];

  @Column({ name: 'audience_job_roles', type: 'text', array: true, default: () => "'{}'" })
  audienceJobRoles: string[];

  @Column({ name: 'control_ids', type: 'text', array: true, default: () => "'{}'" })
  controlIds: string[];

  @Column({ name: 'review_interval_months', type: 'integer', default: 12 })
  reviewIntervalMonths: number;

  @Column({ name: 'published_version_id', type: 'uuid', nullable: true })
  publishedVersionId: string | null;

  /** `YYYY-MM-DD`: published date + review interval; null while nothing is published. */
  @Column({ name: 'review_due_on', type: 'date', nullable: true })
  reviewDueOn: string | null;

  /** When the policy was withdrawn (its published version retired without a successor); cleared on a new publication. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
