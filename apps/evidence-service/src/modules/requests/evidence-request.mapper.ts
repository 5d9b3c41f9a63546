import { EventData } from '@iso27001/contracts';
import type { EvidenceRequestChanged } from '@iso27001/contracts';
import { EvidenceRequestEntity, EvidenceRequestHistoryEntity } from './evidence-request.entity';
import {
  EvidenceRequestActionType,
  EvidenceRequestCommentType,
  EvidenceRequestStatusType,
  EvidenceRequestTransitionType,
  EvidenceRequestType,
} from './evidence-request.type';

export function toEvidenceRequestType(entity: EvidenceRequestEntity): EvidenceRequestType {
  return Object.assign(new EvidenceRequestType(), {
    id: entity.id,
    requirementId: entity.requirementId,
    controlId: entity.controlId,
    unitId: entity.unitId,
    assigneeId: entity.assigneeId,
    status: entity.status as EvidenceRequestStatusType,
    dueDate: entity.dueDate,
    period: entity.periodKey,
    periodStart: entity.periodStart,
    periodEnd: entity.periodEnd,
    evidenceIds: [...entity.evidenceIds],
    openedAt: entity.openedAt,
    submittedAt: entity.submittedAt,
    decidedAt: entity.decidedAt,
  });
}

export function toEvidenceRequestTransitionType(entry: EvidenceRequestHistoryEntity): EvidenceRequestTransitionType {
  return Object.assign(new EvidenceRequestTransitionType(), {
    action: entry.action as EvidenceRequestActionType,
    fromStatus: entry.fromStatus as EvidenceRequestStatusType | null,
    toStatus: entry.toStatus as EvidenceRequestStatusType | null,
    actor: entry.actor,
    at: entry.at,
    comment: entry.comment,
  });
}

export function toEvidenceRequestCommentType(entry: EvidenceRequestHistoryEntity): EvidenceRequestCommentType {
  return Object.assign(new EvidenceRequestCommentType(), { author: entry.actor, at: entry.at, text: entry.comment ?? '' });
}

export function toEvidenceRequestEventData(entity: EvidenceRequestEntity): EventData<typeof EvidenceRequestChanged> {
  return {
    id: entity.id,
    requirementId: entity.requirementId,
    controlId: entity.controlId,
    unitId: entity.unitId,
    assigneeId: entity.assigneeId,
    status: entity.status,
    dueDate: entity.dueDate,
    periodStart: entity.periodStart,
    periodEnd: entity.periodEnd,
    evidenceIds: [...entity.evidenceIds],
  };
}
