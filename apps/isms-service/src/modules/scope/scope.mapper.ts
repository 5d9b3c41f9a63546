import { ScopeEntity } from './scope.entity';
import { ScopeExclusionType, ScopeStatusType, ScopeVersionType } from './scope.type';

export function toScopeVersionType(entity: ScopeEntity): ScopeVersionType {
  return Object.assign(new ScopeVersionType(), {
    id: entity.id,
    version: entity.version,
    status: entity.status as ScopeStatusType,
    statement: entity.statement,
    inScopeUnitIds: entity.inScopeUnitIds,
    locations: entity.locations,
    systems: entity.systems,
    interfaces: entity.interfaces,
    exclusions: entity.exclusions.map((e) => Object.assign(new ScopeExclusionType(), { item: e.item, justification: e.justification })),
    basedOnId: entity.basedOnId,
    createdBy: entity.createdBy,
    contributorSubs: entity.contributorSubs,
    submittedAt: entity.submittedAt,
    submittedByName: entity.submittedByName,
    returnComment: entity.returnComment,
    approvedBySub: entity.approvedBySub,
    approvedByName: entity.approvedByName,
    approvedByPersonId: entity.approvedByPersonId,
    approvedAt: entity.approvedAt,
    supersededAt: entity.supersededAt,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  });
}
