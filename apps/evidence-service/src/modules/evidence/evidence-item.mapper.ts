import canonicalize from 'canonicalize';
import { EventData, EvidenceItemChanged } from '@iso27001/contracts';
import { EvidenceHistoryEntity } from './evidence-history.entity';
import { EvidenceItemEntity } from './evidence-item.entity';
import { EvidenceVersionEntity } from './evidence-version.entity';
import {
  EvidenceDecisionType,
  EvidenceHistoryActionType,
  EvidenceHistoryEntryType,
  EvidenceItemType,
  EvidenceSourceType,
  EvidenceStatusType,
  EvidenceVersionKindType,
  EvidenceVersionStatusType,
  EvidenceVersionType,
} from './evidence-item.type';

/** What an item is mapped to (sorted). */
export interface EvidenceMappings {
  controlIds: string[];
  clauses: string[];
}

export const NO_MAPPINGS: EvidenceMappings = Object.freeze({ controlIds: [], clauses: [] }) as EvidenceMappings;

export function toEvidenceItemType(entity: EvidenceItemEntity, mappings: EvidenceMappings): EvidenceItemType {
  return Object.assign(new EvidenceItemType(), {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    source: entity.source as EvidenceSourceType,
    unitId: entity.unitId,
    collectedBy: entity.collectedBy,
    collectedAt: entity.collectedAt,
    effectiveDate: entity.effectiveDate,
    periodStart: entity.periodStart,
    periodEnd: entity.periodEnd,
    validUntil: entity.validUntil,
    status: entity.status as EvidenceStatusType,
    versionNumber: entity.currentVersion,
    reviewedBy: entity.reviewedBy,
    reviewedAt: entity.reviewedAt,
    reviewReason: entity.reviewReason,
    controlIds: [...mappings.controlIds],
    clauses: [...mappings.clauses],
  });
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : (canonicalize(value) ?? null);
}

export function toEvidenceVersionType(entity: EvidenceVersionEntity): EvidenceVersionType {
  return Object.assign(new EvidenceVersionType(), {
    number: entity.number,
    kind: entity.kind as EvidenceVersionKindType,
    fileId: entity.fileId,
    url: entity.url,
    payload: json(entity.payload),
    assertionPassed: entity.assertionPassed,
    provenance: json(entity.provenance),
    sha256: entity.sha256,
    status: entity.status as EvidenceVersionStatusType,
    decision: entity.decision as EvidenceDecisionType | null,
    collectedBy: entity.collectedBy,
    collectedAt: entity.collectedAt,
    reviewedBy: entity.reviewedBy,
    reviewedAt: entity.reviewedAt,
    reviewReason: entity.reviewReason,
    supersededAt: entity.supersededAt,
  });
}

export function toEvidenceHistoryEntryType(entity: EvidenceHistoryEntity): EvidenceHistoryEntryType {
  return Object.assign(new EvidenceHistoryEntryType(), {
    at: entity.at,
    actor: entity.actor,
    action: entity.action as EvidenceHistoryActionType,
    version: entity.version,
    detail: entity.detail,
  });
}

/** The item's full current state for controls-service and other consumers (every control and clause it supports). */
export function toEvidenceEventData(entity: EvidenceItemEntity, mappings: EvidenceMappings): EventData<typeof EvidenceItemChanged> {
  return {
    id: entity.id,
    controlId: mappings.controlIds[0] ?? null,
    clause: mappings.clauses[0] ?? null,
    status: entity.status,
    validUntil: entity.validUntil,
    controlIds: [...mappings.controlIds],
    clauses: [...mappings.clauses],
    unitId: entity.unitId,
    source: entity.source,
    versionNumber: entity.currentVersion,
  };
}
