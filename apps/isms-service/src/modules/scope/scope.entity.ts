import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** DRAFT (being written) → SUBMITTED (waiting for top management; locked) → APPROVED → SUPERSEDED. */
export type ScopeStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'SUPERSEDED';

export interface ScopeExclusion {
  item: string;
  justification: string;
}

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'isms_scope' })
export class ScopeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: ScopeStatus;

  @Column({ type: 'text', default: '' })
  statement: string;

  @Column({ name: 'in_scope_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  inScopeUnitIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  locations: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  systems: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interfaces: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  exclusions: ScopeExclusion[];

  @Column({ name: 'based_on_id', type: 'uuid', nullable: true })
  basedOnId: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  /** The `sub` of everyone who wrote this version: whoever started the draft and whoever edited it. None may approve it. */
  @Column({ name: 'contributor_subs', type: 'text', array: true, default: () => "'{}'" })
  contributorSubs: string[];

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_sub', type: 'text', nullable: true })
  submittedBySub: string | null;

  @Column({ name: 'submitted_by_name', type: 'text', nullable: true })
  submittedByName: string | null;

  /** Why top management sent the last submission back (cleared when it is submitted again). */
  @Column({ name: 'return_comment', type: 'text', nullable: true })
  returnComment: string | null;

  @Column({ name: 'approved_by_sub', type: 'text', nullable: true })
  approvedBySub: string | null;

  @Column({ name: 'approved_by_name', type: 'text', nullable: true })
  approvedByName: string | null;

  @Column({ name: 'approved_by_person_id', type: 'uuid', nullable: true })
  approvedByPersonId: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
