import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type FindingSeverity = 'MAJOR_NONCONFORMITY' | 'MINOR_NONCONFORMITY' | 'OBSERVATION' | 'OPPORTUNITY';
export type FindingStatus = 'OPEN' | 'CLOSED';

@Entity({ name: 'finding' })
@Index(['organisationId', 'engagementId', 'createdAt'])
@Index(['organisationId', 'controlId'])
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'engagement_id', type: 'uuid' })
  engagementId: string;

  /** Annex A 2022 control id (`A.8.12`). */
  @Column({ name: 'control_id', type: 'text', nullable: true })
  controlId: string | null;

  /** Clause of the standard (`9.2`). */
  @Column({ type: 'text', nullable: true })
  clause: string | null;

  @Column({ type: 'text' })
  severity: FindingSeverity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text' })
  status: FindingStatus;

  /** Subject (claims.sub) of the auditor who raised it. */
  @Column({ name: 'raised_by', type: 'text' })
  raisedBy: string;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Subject (claims.sub) of the auditor who closed it. */
  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closure_comment', type: 'text', nullable: true })
  closureComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
