import { EngagementEntity } from './engagement.entity';
import { EngagementKindType, EngagementStatusType, EngagementType } from './engagement.type';

export function toEngagementType(entity: EngagementEntity): EngagementType {
  return Object.assign(new EngagementType(), {
    id: entity.id,
    type: entity.type as EngagementKindType,
    title: entity.title,
    startsOn: entity.startsOn,
    endsOn: entity.endsOn,
    leadAuditor: entity.leadAuditor,
    status: entity.status as EngagementStatusType,
    unitIds: entity.unitIds,
    clauses: entity.clauses,
    controlIds: entity.controlIds,
    leadAuditorPersonId: entity.leadAuditorPersonId,
    teamPersonIds: entity.teamPersonIds,
  });
}
