import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { treatmentDecisions } from '@iso27001/contracts';

export type RiskTreatmentDecision = (typeof treatmentDecisions)[number];
export type RiskStatusValue = 'OPEN' | 'CLOSED';

@Entity({ name: 'risk' })
@Index(['organisationId', 'ownerId'])
export class RiskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  threat: string | null;

  @Column({ type: 'text', nullable: true })
  vulnerability: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'inherent_likelihood', type: 'integer' })
  inherentLikelihood: number;

  @Column({ name: 'inherent_impact', type: 'integer' })
  inherentImpact: number;

  @Column({ type: 'text', nullable: true })
  treatment: RiskTreatmentDecision | null;

  @Column({ name: 'treatment_rationale', type: 'text', nullable: true })
  treatmentRationale: string | null;

  /** Annex A control ids (`A.5.15`), checked against the catalogue; controls-service owns the controls. */
  @Column({ name: 'control_ids', type: 'text', array: true, default: () => "'{}'" })
  controlIds: string[];

  @Column({ type: 'text', default: 'OPEN' })
  status: RiskStatusValue;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
