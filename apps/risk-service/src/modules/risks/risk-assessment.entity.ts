import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type RiskAssessmentKindValue = 'INHERENT' | 'RESIDUAL';

/** One assessment of a risk, never changed afterwards: the history of clause 6.1.2 d) and 8.2. */
@AuditUnit({ via: { table: 'risk', key: 'riskId' } })
@Entity({ name: 'risk_assessment' })
export class RiskAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'text' })
  kind: RiskAssessmentKindValue;

  @Column({ name: 'methodology_version', type: 'integer' })
  methodologyVersion: number;

  @Column({ type: 'integer' })
  likelihood: number;

  @Column({ type: 'integer' })
  impact: number;

  @Column({ type: 'text' })
  level: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'assessed_by', type: 'text' })
  assessedBy: string;

  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt: Date;
}
