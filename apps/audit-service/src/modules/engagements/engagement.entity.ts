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

  /** The units audited (each with its sub-units). */
  @Column({ name: 'unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  unitIds: string[];

  /** The clauses audited (`4`, `6.1`, `9.2` …): the audit criteria with `controlIds`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  clauses: string[];

  @Column({ name: 'control_ids', type: 'text', array: true, default: () => "'{}'" })
  controlIds: string[];

  /** The lead auditor as a person of the organisation (internal audits), for the independence check. */
  @Column({ name: 'lead_auditor_person_id', type: 'uuid', nullable: true })
  leadAuditorPersonId: string | null;

  @Column({ name: 'team_person_ids', type: 'uuid', array: true, default: () => "'{}'" })
  teamPersonIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
