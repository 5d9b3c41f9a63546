import { annexAControl } from '@iso27001/iso27001';
import { toControlType } from '../catalogue/control.mapper';
import { ImplementationStatusType } from '../soa/soa-entry.type';
import { ControlImplementationEntity } from './control-implementation.entity';
import { ControlImplementationType, ControlOperatingStatusCode, ControlOperatingStatusType, ControlTestFrequencyType } from './control-implementation.type';
import { NO_EVIDENCE_YET } from './operating-status.compute';
import { OperatingStatusEntity } from './operating-status.entity';

export function toControlImplementationType(entity: ControlImplementationEntity): ControlImplementationType {
  const control = annexAControl(entity.controlId);
  if (!control) throw new Error(`control_implementation ${entity.id} names ${entity.controlId}, which is not an Annex A control`);
  return Object.assign(new ControlImplementationType(), {
    id: entity.id,
    control: toControlType(control),
    status: entity.status as ImplementationStatusType,
    maturity: entity.maturity,
    description: entity.description,
    testProcedure: entity.testProcedure,
    testFrequency: entity.testFrequency as ControlTestFrequencyType | null,
    lastTestedOn: entity.lastTestedOn,
    updatedAt: entity.updatedAt,
    unitId: entity.unitId,
    ownerId: entity.ownerId,
  });
}

/** A stored status; a control that no evidence or finding event has named yet shows "evidence missing", since unknown. */
export function toOperatingStatusType(entity: OperatingStatusEntity | null | undefined): ControlOperatingStatusType {
  return Object.assign(new ControlOperatingStatusType(), {
    status: (entity?.status ?? NO_EVIDENCE_YET.status) as ControlOperatingStatusCode,
    reason: entity?.reason || NO_EVIDENCE_YET.reason,
    since: entity && entity.reason !== '' ? entity.since : null,
  });
}

export function toImplementationEventData(entity: ControlImplementationEntity, removed: boolean) {
  return {
    id: entity.id,
    controlId: entity.controlId,
    unitId: entity.unitId,
    ownerId: entity.ownerId,
    status: entity.status,
    maturity: entity.maturity,
    removed,
  };
}
