import { ContextIssueEntity, InterestedPartyEntity, ObligationEntity } from './context.entity';
import { ContextIssueCategoryType, ContextIssueType, InterestedPartyType, ObligationKindType, ObligationStatusType, ObligationType } from './context.type';

export function toContextIssueType(e: ContextIssueEntity): ContextIssueType {
  return Object.assign(new ContextIssueType(), {
    id: e.id,
    title: e.title,
    description: e.description,
    category: e.category as ContextIssueCategoryType,
    impact: e.impact,
    unitId: e.unitId,
    reviewDate: e.reviewDate,
  });
}

export function toInterestedPartyType(e: InterestedPartyEntity): InterestedPartyType {
  return Object.assign(new InterestedPartyType(), { id: e.id, name: e.name, description: e.description, requirements: e.requirements, reviewDate: e.reviewDate });
}

export function toObligationType(e: ObligationEntity): ObligationType {
  return Object.assign(new ObligationType(), {
    id: e.id,
    title: e.title,
    description: e.description,
    kind: e.kind as ObligationKindType,
    source: e.source,
    ownerId: e.ownerId,
    reviewDate: e.reviewDate,
    status: e.status as ObligationStatusType,
    interestedPartyId: e.interestedPartyId,
  });
}
