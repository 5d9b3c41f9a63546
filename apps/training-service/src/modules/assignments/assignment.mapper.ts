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

/** An assignment's columns as a raw `RETURNING` (or SELECT) gives them, for set-based writes that record its events. */
export interface AssignmentRow {
  id: string;
  organisation_id: string;
  course_id: string;
  person_id: string;
  due_on: string;
  status: AssignmentEntity['status'];
  completed_at: Date | null;
  campaign_id: string | null;
  score: number | null;
}

/** The columns of an `AssignmentRow`, for a RETURNING clause on `assignment`. */
export const ASSIGNMENT_ROW_COLUMNS = 'id, organisation_id, course_id, person_id, due_on::text AS due_on, status, completed_at, campaign_id, score';

export function assignmentRowEventData(row: AssignmentRow): EventData<typeof AssignmentChanged> {
  return toAssignmentEventData({
    id: row.id,
    courseId: row.course_id,
    personId: row.person_id,
    status: row.status,
    dueOn: row.due_on,
    completedAt: row.completed_at,
    campaignId: row.campaign_id,
    score: row.score,
  } as AssignmentEntity);
}
