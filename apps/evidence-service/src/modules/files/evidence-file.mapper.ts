import { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFileType } from './evidence-file.type';

/** What an upload answers with (JSON). */
export interface EvidenceFileJson {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
}

export function toEvidenceFileJson(file: EvidenceFileEntity): EvidenceFileJson {
  return { id: file.id, sha256: file.sha256, sizeBytes: Number(file.sizeBytes), mediaType: file.mediaType, fileName: file.fileName };
}

export function toEvidenceFileType(file: EvidenceFileEntity): EvidenceFileType {
  return Object.assign(new EvidenceFileType(), {
    id: file.id,
    sha256: file.sha256,
    sizeBytes: Number(file.sizeBytes),
    mediaType: file.mediaType,
    fileName: file.fileName,
    unitId: file.unitId,
    uploadedAt: file.uploadedAt,
    uploadedBy: file.uploadedBy,
  });
}
