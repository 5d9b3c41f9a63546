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

  /** When the current owner was assigned (at creation, or by a programme manager since): see risk-acceptance.rules.ts. */
  @Column({ name: 'owner_assigned_at', type: 'timestamptz', default: () => 'now()' })
  ownerAssignedAt: Date;

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

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** Methodology version of the inherent assessment and the level it gives there. */
  @Column({ name: 'inherent_version', type: 'integer' })
  inherentVersion: number;

  @Column({ name: 'inherent_level', type: 'text' })
  inherentLevel: string;

  @Column({ name: 'inherent_rank', type: 'integer' })
  inherentRank: number;

  @Column({ name: 'residual_likelihood', type: 'integer', nullable: true })
  residualLikelihood: number | null;

  @Column({ name: 'residual_impact', type: 'integer', nullable: true })
  residualImpact: number | null;

  @Column({ name: 'residual_version', type: 'integer', nullable: true })
  residualVersion: number | null;

  @Column({ name: 'residual_level', type: 'text', nullable: true })
  residualLevel: string | null;

  @Column({ name: 'residual_rank', type: 'integer', nullable: true })
  residualRank: number | null;

  /** The residual assessment when there is one, else the inherent one: what the register sorts and filters by. */
  @Column({ name: 'current_level', type: 'text' })
  currentLevel: string;

  @Column({ name: 'current_rank', type: 'integer' })
  currentRank: number;

  @Column({ name: 'current_score', type: 'integer' })
  currentScore: number;

  /** Residual level above the appetite of its version, not accepted by the owner, risk open. */
  @Column({ name: 'needs_acceptance', type: 'boolean', default: false })
  needsAcceptance: boolean;

  @Column({ name: 'accepted_by_person_id', type: 'uuid', nullable: true })
  acceptedByPersonId: string | null;

  /** The `sub` of the caller who signed the acceptance. */
  @Column({ name: 'accepted_by', type: 'text', nullable: true })
  acceptedBy: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'acceptance_note', type: 'text', nullable: true })
  acceptanceNote: string | null;

  /** yyyy-mm-dd */
  @Column({ name: 'next_review_on', type: 'date', nullable: true })
  nextReviewOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
