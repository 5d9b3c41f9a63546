import { EventData, AssignmentChanged } from '@iso27001/contracts';
import { AssignmentEntity } from './assignment.entity';
import { isOverdue, todayUtc } from './assignment.rules';
import { AssignmentStatusType, AssignmentType } from './assignment.type';

export function toAssignmentType(entity: AssignmentEntity): AssignmentType {
  return Object.assign(new AssignmentType(), {
    id: entity.id,
    courseId: entity.courseId,
    personId: entity.personId,
    dueOn: entity.dueOn,
    status: entity.status as AssignmentStatusType,
    completedAt: entity.completedAt,
    overdue: isOverdue(entity, todayUtc()),
    campaignId: entity.campaignId ?? null,
    exemptReason: entity.exemptReason ?? null,
    withdrawnAt: entity.withdrawnAt ?? null,
  });
}

export function toAssignmentEventData(entity: AssignmentEntity): EventData<typeof AssignmentChanged> {
  return {
    id: entity.id,
    courseId: entity.courseId,
    personId: entity.personId,
    status: entity.status,
    dueOn: entity.dueOn,
    completedAt: entity.completedAt ? entity.completedAt.toISOString() : null,
    campaignId: entity.campaignId,
    score: entity.score,
  };
}
