import { CampaignEntity } from './campaign.entity';
import { CampaignRecurrenceType, CampaignStatusType, CampaignType } from './campaign.type';

export function toCampaignType(entity: CampaignEntity): CampaignType {
  return Object.assign(new CampaignType(), {
    id: entity.id,
    name: entity.name,
    courseId: entity.courseId,
    everyone: entity.everyone,
    unitIds: entity.unitIds,
    jobRoles: entity.jobRoles,
    dueDays: entity.dueDays,
    recurrence: entity.recurrence as CampaignRecurrenceType,
    recurrenceMonths: entity.recurrenceMonths,
    status: entity.status as CampaignStatusType,
    round: entity.round,
    targetCount: entity.targetCount,
    enrolledCount: entity.enrolledCount,
    nextRoundOn: entity.nextRoundOn,
    launchedAt: entity.launchedAt,
    closedAt: entity.closedAt,
    createdAt: entity.createdAt,
  });
}
