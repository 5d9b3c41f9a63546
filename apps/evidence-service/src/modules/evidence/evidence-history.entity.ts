import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EvidenceHistoryAction = 'ADDED' | 'VERSION_ADDED' | 'APPROVED' | 'REJECTED' | 'MAPPED' | 'UNMAPPED' | 'EXPIRED';

/** What happened to an evidence item, in order: written in the transaction of each change. */
@Entity({ name: 'evidence_history' })
export class EvidenceHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: EvidenceHistoryAction;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'text' })
  detail: string;
}
