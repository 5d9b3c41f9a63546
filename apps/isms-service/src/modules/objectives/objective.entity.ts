import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { ObjectiveDirection } from './objective.evaluation';

export type ObjectiveStatus = 'PLANNED' | 'IN_PROGRESS' | 'ACHIEVED' | 'NOT_ACHIEVED' | 'CANCELLED';

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'objective' })
export class ObjectiveEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  metric: string;

  @Column({ name: 'target_value', type: 'double precision' })
  targetValue: number;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  direction: ObjectiveDirection;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text' })
  status: ObjectiveStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'objective_measurement' })
export class ObjectiveMeasurementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
