import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type ContextIssueCategory = 'INTERNAL' | 'EXTERNAL';
export type ObligationKind = 'LEGAL' | 'REGULATORY' | 'CONTRACTUAL';
export type ObligationStatus = 'IDENTIFIED' | 'COMPLIANT' | 'PARTIALLY_COMPLIANT' | 'NON_COMPLIANT' | 'RETIRED';

/** Clause 4.1: an internal or external issue relevant to the ISMS. */
@Entity({ name: 'context_issue' })
export class ContextIssueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  category: ContextIssueCategory;

  @Column({ type: 'text', default: '' })
  impact: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** `YYYY-MM-DD` (TypeORM returns date columns as strings). */
  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Clause 4.2: an interested party and its requirements. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'interested_party' })
export class InterestedPartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requirements: string[];

  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Clause 4.2 c) / A.5.31: a legal, regulatory or contractual obligation. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'obligation' })
export class ObligationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  kind: ObligationKind;

  /** Jurisdiction or source (a statute, a regulator, a contract). */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @Column({ type: 'text' })
  status: ObligationStatus;

  @Column({ name: 'interested_party_id', type: 'uuid', nullable: true })
  interestedPartyId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
