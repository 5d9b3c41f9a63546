import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { assetTypes } from '@iso27001/contracts';

export type AssetTypeValue = (typeof assetTypes)[number];

/** An asset of the inventory (A.5.9) with its CIA classification (1 = low … 3 = high). */
@Entity({ name: 'asset' })
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  type: AssetTypeValue;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'smallint' })
  confidentiality: number;

  @Column({ type: 'smallint' })
  integrity: number;

  @Column({ type: 'smallint' })
  availability: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@AuditUnit({ via: { table: 'risk', key: 'riskId' } })
@Entity({ name: 'risk_asset' })
export class RiskAssetLinkEntity {
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'risk_id', type: 'uuid', primary: true })
  riskId: string;

  @Column({ name: 'asset_id', type: 'uuid', primary: true })
  assetId: string;
}
