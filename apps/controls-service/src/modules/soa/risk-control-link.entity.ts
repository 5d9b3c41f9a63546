import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';
import { treatmentDecisions } from '@iso27001/contracts';

/** Replica of a risk's link to an Annex A control, maintained from risk.risk.upserted (never written by the API). */
@AuditUnit({ organisationLevel: true })
@Entity({ name: 'risk_control_link' })
@Index(['organisationId', 'controlId'])
export class RiskControlLinkEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @PrimaryColumn({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'text' })
  treatment: (typeof treatmentDecisions)[number];
}
