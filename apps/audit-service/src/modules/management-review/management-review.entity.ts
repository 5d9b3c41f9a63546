import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ManagementReviewStatus = 'DRAFT' | 'SIGNED_OFF';

/** What the platform gathered for a review: each input of clause 9.3.2 it holds data for. */
export interface ReviewInputs {
  previousActions: { total: number; done: number; open: number; overdue: number };
  nonconformities: { open: number; closed: number; openMajor: number };
  correctiveActions: { open: number; overdue: number; effective: number; notEffective: number };
  audits: { since: string | null; closed: number; findings: Record<string, number> };
  certification: { status: string | null; certificateNumber: string | null; expiresOn: string | null };
  programme: { clausesCovered: number; clausesTotal: number; controlsCovered: number; controlsApplicable: number };
}

@Entity({ name: 'management_review' })
export class ManagementReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  /** `YYYY-MM-DD` */
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'text' })
  status: ManagementReviewStatus;

  @Column({ type: 'jsonb', nullable: true })
  inputs: ReviewInputs | null;

  @Column({ name: 'inputs_gathered_at', type: 'timestamptz', nullable: true })
  inputsGatheredAt: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  decisions: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Who prepared or recorded the review: none of them may sign it off. */
  @Column({ name: 'contributor_subs', type: 'text', array: true, default: () => "'{}'" })
  contributorSubs: string[];

  @Column({ name: 'signed_off_by', type: 'text', nullable: true })
  signedOffBy: string | null;

  @Column({ name: 'signed_off_by_name', type: 'text', nullable: true })
  signedOffByName: string | null;

  @Column({ name: 'signed_off_at', type: 'timestamptz', nullable: true })
  signedOffAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'management_review_action' })
export class ManagementReviewActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'owner_person_id', type: 'uuid' })
  ownerPersonId: string;

  /** `YYYY-MM-DD` */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
