import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImportKindValue = 'RISKS' | 'ASSETS';
export type ImportFormatValue = 'CSV' | 'XLSX';
export type ImportStatusValue = 'RUNNING' | 'SUCCEEDED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';

export interface ImportRowError {
  row: number;
  field: string | null;
  message: string;
}

@Entity({ name: 'risk_import_job' })
export class ImportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: ImportKindValue;

  @Column({ type: 'text' })
  format: ImportFormatValue;

  @Column({ type: 'text', nullable: true })
  filename: string | null;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'text' })
  status: ImportStatusValue;

  @Column({ name: 'total_rows', type: 'integer' })
  totalRows: number;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows: number;

  @Column({ name: 'imported_rows', type: 'integer', default: 0 })
  importedRows: number;

  @Column({ name: 'error_rows', type: 'integer', default: 0 })
  errorRows: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportRowError[];

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
