import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One organisation's use of a collector: the unit its evidence belongs to, when it runs, and its validated settings. */
@Entity({ name: 'collector_configuration' })
export class CollectorConfigurationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'collector_id', type: 'text' })
  collectorId: string;

  /** Tells configurations of one collector apart (several endpoints of the HTTP collector). */
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** Cron in UTC. */
  @Column({ type: 'text' })
  schedule: string;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  /** When the dispatcher runs it next; null while disabled. */
  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  @Column({ name: 'configured_by', type: 'text' })
  configuredBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type CollectorRunOutcome = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'PARTIAL';
export type CollectorRunTrigger = 'SCHEDULE' | 'MANUAL';

/** One run of a configuration: when, how it ended and why, and the evidence items it recorded versions of. */
@Entity({ name: 'collector_run' })
export class CollectorRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'configuration_id', type: 'uuid' })
  configurationId: string;

  @Column({ name: 'collector_id', type: 'text' })
  collectorId: string;

  @Column({ name: 'collector_version', type: 'text' })
  collectorVersion: string;

  @Column({ type: 'text' })
  trigger: CollectorRunTrigger;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text' })
  outcome: CollectorRunOutcome;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'items_produced', type: 'integer' })
  itemsProduced: number;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true })
  evidenceIds: string[];
}

/** The evidence item a configuration keeps for one key: each run adds a version to it. */
@Entity({ name: 'collector_evidence' })
export class CollectorEvidenceEntity {
  @PrimaryColumn({ name: 'configuration_id', type: 'uuid' })
  configurationId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;
}
