import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import type { EvidenceFrequency } from '@iso27001/iso27001';

/** What evidence a control needs and how often, for one organisation (seeded from the default set, then edited). */
@Entity({ name: 'evidence_requirement' })
@AuditUnit({ organisationLevel: true })
export class EvidenceRequirementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  /** The key of the default requirement it was seeded from; null for one the organisation added. */
  @Column({ name: 'default_key', type: 'text', nullable: true })
  defaultKey: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  frequency: EvidenceFrequency;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'retired_by', type: 'text', nullable: true })
  retiredBy: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** That an organisation's requirements were seeded from the default set (once, on first use). */
@Entity({ name: 'evidence_requirement_seed' })
@AuditUnit({ organisationLevel: true })
export class EvidenceRequirementSeedEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'seeded_at', type: 'timestamptz' })
  seededAt: Date;

  @Column({ type: 'int' })
  defaults: number;
}
