import { EventData, EvidenceItemChanged } from '@iso27001/contracts';
import { EvidenceItemEntity } from './evidence-item.entity';
import { EvidenceItemType, EvidenceStatusType } from './evidence-item.type';

export function toEvidenceItemType(entity: EvidenceItemEntity): EvidenceItemType {
  return Object.assign(new EvidenceItemType(), {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    controlId: entity.controlId,
    clause: entity.clause,
    collectedAt: entity.collectedAt,
    validUntil: entity.validUntil,
    status: entity.status as EvidenceStatusType,
    sha256: entity.sha256,
    collectedBy: entity.collectedBy,
    reviewedBy: entity.reviewedBy,
    reviewedAt: entity.reviewedAt,
    reviewComment: entity.reviewComment,
  });
}

export function toEvidenceEventData(entity: EvidenceItemEntity): EventData<typeof EvidenceItemChanged> {
  return { id: entity.id, controlId: entity.controlId, clause: entity.clause, status: entity.status, validUntil: entity.validUntil };
}
