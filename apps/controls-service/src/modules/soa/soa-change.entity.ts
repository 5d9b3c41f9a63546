import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** One recorded change of an SoA entry: which fields, who, when and why. Append-only. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'soa_change' })
export class SoaChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', array: true })
  fields: string[];
}
