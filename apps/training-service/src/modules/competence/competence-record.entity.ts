import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

export type CompetenceRecordKind = 'TRAINING' | 'QUALIFICATION' | 'EXPERIENCE';

/** What shows that a person has a competence: entered by someone other than the person. */
@AuditUnit({ via: { table: 'person_replica', key: 'personId', idColumn: 'person_id' } })
@Entity({ name: 'competence_record' })
export class CompetenceRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'competence_id', type: 'uuid' })
  competenceId: string;

  @Column({ type: 'text' })
  kind: CompetenceRecordKind;

  @Column({ type: 'text' })
  title: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'obtained_on', type: 'date' })
  obtainedOn: string;

  /** `YYYY-MM-DD`, inclusive; null when it does not expire. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** An evidence-service EvidenceItem that backs the record. */
  @Column({ name: 'evidence_item_id', type: 'uuid', nullable: true })
  evidenceItemId: string | null;

  @Column({ name: 'recorded_by_subject', type: 'text' })
  recordedBySubject: string;

  @Column({ name: 'recorded_by_name', type: 'text' })
  recordedByName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
