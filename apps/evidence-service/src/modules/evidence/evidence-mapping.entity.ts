import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EvidenceMappingKind = 'CONTROL' | 'CLAUSE';

/** What an evidence item supports: an Annex A control (`A.5.18`) or a clause requirement (`9.2.2`). */
@Entity({ name: 'evidence_mapping' })
export class EvidenceMappingEntity {
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @PrimaryColumn({ type: 'text' })
  kind: EvidenceMappingKind;

  @PrimaryColumn({ type: 'text' })
  ref: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'mapped_by', type: 'text' })
  mappedBy: string;

  @Column({ name: 'mapped_at', type: 'timestamptz' })
  mappedAt: Date;
}
