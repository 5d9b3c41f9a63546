import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EngagementKind = 'INTERNAL' | 'STAGE_1' | 'STAGE_2' | 'SURVEILLANCE' | 'RECERTIFICATION';
export type EngagementStatus = 'PLANNED' | 'IN_PROGRESS' | 'CLOSED';

@Entity({ name: 'engagement' })
@Index(['organisationId', 'startsOn'])
export class EngagementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  type: EngagementKind;

  @Column({ type: 'text' })
  title: string;

  /** `YYYY-MM-DD` */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** `YYYY-MM-DD`, never before startsOn. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'lead_auditor', type: 'text' })
  leadAuditor: string;

  @Column({ type: 'text' })
  status: EngagementStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
