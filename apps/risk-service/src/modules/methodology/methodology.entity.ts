import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { RiskLevelDefinition, ScaleLevel } from './methodology.logic';

/** One published version of an organisation's methodology; never changed once published. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'risk_methodology' })
export class MethodologyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'likelihood_scale', type: 'jsonb' })
  likelihood: ScaleLevel[];

  @Column({ name: 'impact_scale', type: 'jsonb' })
  impact: ScaleLevel[];

  @Column({ type: 'jsonb' })
  levels: RiskLevelDefinition[];

  @Column({ type: 'jsonb' })
  matrix: string[][];

  @Column({ name: 'appetite_level', type: 'text' })
  appetite: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}
