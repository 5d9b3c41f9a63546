import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { correctiveActionStatuses } from '@iso27001/contracts';

export type CorrectiveActionStatus = (typeof correctiveActionStatuses)[number];

/**
 * What is done about a nonconformity (clause 10.2): the correction, the root cause, the action that removes it, who
 * owns it and by when, the evidence that it was done, and an auditor's check that it worked. One per nonconformity.
 */
@Entity({ name: 'corrective_action' })
export class CorrectiveActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  /** isms-service Person id of the owner; null until one is named. */
  @Column({ name: 'owner_person_id', type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  /** `YYYY-MM-DD` */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  status: CorrectiveActionStatus;

  @Column({ type: 'text', nullable: true })
  correction: string | null;

  @Column({ name: 'root_cause', type: 'text', nullable: true })
  rootCause: string | null;

  @Column({ name: 'action_plan', type: 'text', nullable: true })
  actionPlan: string | null;

  @Column({ name: 'planned_by', type: 'text', nullable: true })
  plannedBy: string | null;

  @Column({ name: 'planned_at', type: 'timestamptz', nullable: true })
  plannedAt: Date | null;

  @Column({ name: 'completion_note', type: 'text', nullable: true })
  completionNote: string | null;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: () => "'{}'" })
  evidenceIds: string[];

  @Column({ name: 'implemented_by', type: 'text', nullable: true })
  implementedBy: string | null;

  @Column({ name: 'implemented_at', type: 'timestamptz', nullable: true })
  implementedAt: Date | null;

  @Column({ name: 'effectiveness_note', type: 'text', nullable: true })
  effectivenessNote: string | null;

  @Column({ name: 'effectiveness_checked_by', type: 'text', nullable: true })
  effectivenessCheckedBy: string | null;

  @Column({ name: 'effectiveness_checked_at', type: 'timestamptz', nullable: true })
  effectivenessCheckedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
