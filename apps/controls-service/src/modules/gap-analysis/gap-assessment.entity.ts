import { Column, Entity, PrimaryColumn } from 'typeorm';

export type GapItemKind = 'CLAUSE' | 'CONTROL';

/** The assessment of one clause requirement or Annex A control; no row means "not assessed yet". */
@Entity({ name: 'gap_assessment' })
export class GapAssessmentEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'item_id', type: 'text' })
  itemId: string;

  @Column({ name: 'item_kind', type: 'text' })
  itemKind: GapItemKind;

  /** 0 not in place, 1 partially, 2 largely, 3 fully in place. */
  @Column({ type: 'smallint' })
  score: number;

  @Column({ name: 'current_state', type: 'text' })
  currentState: string;

  @Column({ type: 'text', nullable: true })
  gap: string | null;

  @Column({ name: 'remediation_action', type: 'text', nullable: true })
  remediationAction: string | null;

  @Column({ name: 'remediation_owner_id', type: 'uuid', nullable: true })
  remediationOwnerId: string | null;

  /** `YYYY-MM-DD` */
  @Column({ name: 'remediation_due_on', type: 'date', nullable: true })
  remediationDueOn: string | null;

  @Column({ name: 'assessed_by', type: 'text' })
  assessedBy: string;

  @Column({ name: 'assessed_by_name', type: 'text' })
  assessedByName: string;

  @Column({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt: Date;
}
