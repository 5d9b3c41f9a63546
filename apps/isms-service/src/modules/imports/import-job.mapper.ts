import { ImportJobEntity, ImportJobErrorEntity } from './import-job.entity';
import { ImportJobStatusType, ImportJobType, ImportKindType, ImportRowErrorType } from './import-job.type';

export function toImportJobType(entity: ImportJobEntity): ImportJobType {
  const total = entity.totalRows ?? 0;
  return Object.assign(new ImportJobType(), {
    id: entity.id,
    kind: entity.kind as ImportKindType,
    fileName: entity.fileName,
    dryRun: entity.dryRun,
    status: entity.status as ImportJobStatusType,
    message: entity.message,
    totalRows: entity.totalRows,
    processedRows: entity.processedRows,
    createdCount: entity.createdCount,
    updatedCount: entity.updatedCount,
    unchangedCount: entity.unchangedCount,
    failedCount: entity.failedCount,
    progressPercent: entity.status === 'SUCCEEDED' ? 100 : total > 0 ? Math.min(100, Math.floor((entity.processedRows / total) * 100)) : 0,
    requestedBy: entity.requestedBy,
    createdAt: entity.createdAt,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
  });
}

export function toImportRowErrorType(entity: ImportJobErrorEntity): ImportRowErrorType {
  return Object.assign(new ImportRowErrorType(), { rowNumber: entity.rowNumber, column: entity.column, message: entity.message });
}
