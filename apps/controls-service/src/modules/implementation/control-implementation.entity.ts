import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { implementationTestFrequencies } from '@iso27001/contracts';
import { ImplementationStatus } from '../soa/soa-entry.entity';

export type TestFrequency = (typeof implementationTestFrequencies)[number];

/** How one Annex A control is implemented in one organisation unit (department). */
@Entity({ name: 'control_implementation' })
export class ControlImplementationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'control_id', type: 'text' })
  controlId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text' })
  status: ImplementationStatus;

  @Column({ type: 'smallint' })
  maturity: number;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'test_procedure', type: 'text', nullable: true })
  testProcedure: string | null;

  @Column({ name: 'test_frequency', type: 'text', nullable: true })
  testFrequency: TestFrequency | null;

  /** YYYY-MM-DD */
  @Column({ name: 'last_tested_on', type: 'date', nullable: true })
  lastTestedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
