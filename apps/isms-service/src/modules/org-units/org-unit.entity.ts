import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { orgUnitKinds } from '@iso27001/contracts';

export type OrgUnitKind = (typeof orgUnitKinds)[number];

@AuditUnit({ organisationLevel: true })
@Entity({ name: 'org_unit' })
@Index(['organisationId', 'name', 'parentId'])
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrgUnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** The unit's id in the HR system (imports upsert by it); unique per organisation when set. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
