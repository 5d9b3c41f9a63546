import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** A competence of the organisation's catalogue (clause 7.2); its name is unique in the organisation, ignoring case. */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'competence' })
export class CompetenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** A course whose completed assignment grants the competence; null when only records do. */
  @Column({ name: 'course_id', type: 'uuid', nullable: true })
  courseId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
