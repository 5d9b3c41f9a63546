import { ObjectiveEntity, ObjectiveMeasurementEntity } from './objective.entity';
import { ObjectiveDirectionType, ObjectiveMeasurementType, ObjectiveStatusType, ObjectiveType } from './objective.type';

export function toObjectiveType(e: ObjectiveEntity): ObjectiveType {
  return Object.assign(new ObjectiveType(), {
    id: e.id,
    title: e.title,
    description: e.description,
    metric: e.metric,
    targetValue: e.targetValue,
    unit: e.unit,
    direction: e.direction as ObjectiveDirectionType,
    ownerId: e.ownerId,
    dueDate: e.dueDate,
    status: e.status as ObjectiveStatusType,
  });
}

export function toMeasurementType(e: ObjectiveMeasurementEntity): ObjectiveMeasurementType {
  return Object.assign(new ObjectiveMeasurementType(), { id: e.id, value: e.value, measuredAt: e.measuredAt, note: e.note, recordedBy: e.recordedBy });
}
