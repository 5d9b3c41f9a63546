import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type RiskActionStatusValue = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

/** A planned action of the risk treatment plan (6.1.3, 8.3): what, who, by when. */
@AuditUnit({ via: { table: 'risk', key: 'riskId' } })
@Entity({ name: 'risk_action' })
export class RiskActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** yyyy-mm-dd */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text' })
  status: RiskActionStatusValue;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
