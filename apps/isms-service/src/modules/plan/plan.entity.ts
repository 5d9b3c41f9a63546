import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { TaskStatus } from './plan.progress';

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'certification_project' })
export class CertificationProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'certification_phase' })
export class CertificationPhaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  position: number;
}

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'certification_task' })
export class CertificationTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'phase_id', type: 'uuid' })
  phaseId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text' })
  status: TaskStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Evidence of management commitment (clause 5.1): auditors ask for it. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'management_commitment' })
export class ManagementCommitmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'sponsor_person_id', type: 'uuid' })
  sponsorPersonId: string;

  @Column({ type: 'text' })
  decision: string;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn: string;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  recordedBySub: string;

  @Column({ name: 'recorded_by_name', type: 'text' })
  recordedByName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
