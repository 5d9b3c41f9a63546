import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** A dated snapshot of the whole register (clause 8.2: assessments at planned intervals, retained as evidence). */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'assessment_run' })
export class AssessmentRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'methodology_version', type: 'integer' })
  methodologyVersion: number;

  @Column({ name: 'risk_count', type: 'integer' })
  riskCount: number;

  @Column({ name: 'taken_by', type: 'text' })
  takenBy: string;

  @Column({ name: 'taken_at', type: 'timestamptz', default: () => 'now()' })
  takenAt: Date;
}

@Entity({ name: 'assessment_run_item' })
export class AssessmentRunItemEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', nullable: true })
  treatment: string | null;

  @Column({ name: 'inherent_version', type: 'integer' })
  inherentVersion: number;

  @Column({ name: 'inherent_likelihood', type: 'integer' })
  inherentLikelihood: number;

  @Column({ name: 'inherent_impact', type: 'integer' })
  inherentImpact: number;

  @Column({ name: 'inherent_level', type: 'text' })
  inherentLevel: string;

  @Column({ name: 'residual_version', type: 'integer', nullable: true })
  residualVersion: number | null;

  @Column({ name: 'residual_likelihood', type: 'integer', nullable: true })
  residualLikelihood: number | null;

  @Column({ name: 'residual_impact', type: 'integer', nullable: true })
  residualImpact: number | null;

  @Column({ name: 'residual_level', type: 'text', nullable: true })
  residualLevel: string | null;

  @Column({ type: 'boolean' })
  accepted: boolean;

  @Column({ name: 'needs_acceptance', type: 'boolean' })
  needsAcceptance: boolean;
}
