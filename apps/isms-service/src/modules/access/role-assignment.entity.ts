import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/**
 * A role over a unit and its sub-units, given to a person of the register or to an identity-provider group by an
 * administrator. Revoking keeps the row (who had what, when, is audit evidence) with `revoked_at` set.
 */
@AuditUnit({ internal: true })
@Entity({ name: 'role_assignment' })
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'group_name', type: 'text', nullable: true })
  group: string | null;

  @Column({ type: 'text' })
  role: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'granted_by_sub', type: 'text' })
  grantedBySub: string;

  @Column({ name: 'granted_by_name', type: 'text' })
  grantedByName: string;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'revoked_by_sub', type: 'text', nullable: true })
  revokedBySub: string | null;

  @Column({ name: 'revoked_by_name', type: 'text', nullable: true })
  revokedByName: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
