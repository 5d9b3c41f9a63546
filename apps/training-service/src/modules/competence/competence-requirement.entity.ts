import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** A job role (normalised: trimmed, single spaces, lower case) requires a competence. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'competence_requirement' })
export class CompetenceRequirementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'job_role', type: 'text' })
  jobRole: string;

  @Column({ name: 'competence_id', type: 'uuid' })
  competenceId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
