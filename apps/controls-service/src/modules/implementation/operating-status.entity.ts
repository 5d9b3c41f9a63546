import { Column, Entity, PrimaryColumn } from 'typeorm';
import { controlOperatingStatuses } from '@iso27001/contracts';

export type OperatingStatus = (typeof controlOperatingStatuses)[number];

/** A control's current operating status, kept from evidence and audit-finding events. */
@Entity({ name: 'control_operating_status' })
export class OperatingStatusEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'text' })
  status: OperatingStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  since: Date;
}
