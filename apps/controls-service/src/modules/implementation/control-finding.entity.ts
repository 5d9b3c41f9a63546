import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Replica of an audit finding against a control (audit.finding.raised). */
@Entity({ name: 'control_finding' })
export class ControlFindingEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ type: 'text' })
  severity: 'MAJOR_NONCONFORMITY' | 'MINOR_NONCONFORMITY' | 'OBSERVATION' | 'OPPORTUNITY';

  @Column({ type: 'text' })
  status: 'OPEN' | 'CLOSED';

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
