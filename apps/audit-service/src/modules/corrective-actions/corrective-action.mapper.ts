import { CorrectiveActionChanged, EventData } from '@iso27001/contracts';
import { CorrectiveActionEntity } from './corrective-action.entity';
import { CorrectiveActionStatusType, CorrectiveActionType } from './corrective-action.type';

export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

export function toCorrectiveActionType(entity: CorrectiveActionEntity): CorrectiveActionType {
  return Object.assign(new CorrectiveActionType(), {
    id: entity.id,
    findingId: entity.findingId,
    ownerPersonId: entity.ownerPersonId,
    dueOn: entity.dueOn,
    overdue: entity.status !== 'EFFECTIVE' && entity.dueOn < todayUtc(),
    status: entity.status as CorrectiveActionStatusType,
    correction: entity.correction,
    rootCause: entity.rootCause,
    actionPlan: entity.actionPlan,
    plannedAt: entity.plannedAt,
    completionNote: entity.completionNote,
    evidenceIds: entity.evidenceIds,
    implementedAt: entity.implementedAt,
    effectivenessNote: entity.effectivenessNote,
    effectivenessCheckedAt: entity.effectivenessCheckedAt,
    createdAt: entity.createdAt,
  });
}

export function toCorrectiveActionEventData(entity: CorrectiveActionEntity, controlId: string | null): EventData<typeof CorrectiveActionChanged> {
  return {
    id: entity.id,
    findingId: entity.findingId,
    controlId,
    ownerId: entity.ownerPersonId,
    status: entity.status,
    dueOn: entity.dueOn,
    evidenceIds: [...entity.evidenceIds],
  };
}
