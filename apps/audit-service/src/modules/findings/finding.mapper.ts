import { EventData, FindingChanged, FindingRaised } from '@iso27001/contracts';
import { FindingEntity } from './finding.entity';
import { FindingSeverityType, FindingStatusType, FindingType } from './finding.type';

export function toFindingType(entity: FindingEntity): FindingType {
  return Object.assign(new FindingType(), {
    id: entity.id,
    engagementId: entity.engagementId,
    controlId: entity.controlId,
    clause: entity.clause,
    severity: entity.severity as FindingSeverityType,
    description: entity.description,
    status: entity.status as FindingStatusType,
    raisedBy: entity.raisedBy,
    raisedAt: entity.createdAt,
    closedAt: entity.closedAt,
    closureComment: entity.closureComment,
  });
}

export function toFindingEventData(entity: FindingEntity): EventData<typeof FindingRaised> {
  return {
    id: entity.id,
    engagementId: entity.engagementId,
    controlId: entity.controlId,
    clause: entity.clause,
    severity: entity.severity,
    status: entity.status,
  };
}

export function toFindingChangedData(entity: FindingEntity): EventData<typeof FindingChanged> {
  return {
    id: entity.id,
    engagementId: entity.engagementId,
    controlId: entity.controlId,
    clause: entity.clause,
    severity: entity.severity,
    status: entity.status,
    closedAt: entity.closedAt ? entity.closedAt.toISOString() : null,
  };
}
