import { ANNEX_A, AnnexAControl, annexAControl } from '@iso27001/iso27001';
import { toControlType } from '../catalogue/control.mapper';
import { SoaEntryEntity } from './soa-entry.entity';
import { ImplementationStatusType, SoaEntryType, SoaReasonType } from './soa-entry.type';
import { orderReasons } from './soa-entry.recompute';

/** A catalogue control and its entry; a control without an entry is shown undecided (not applicable, no reasons). */
export function toSoaEntryType(control: AnnexAControl, entity: SoaEntryEntity | undefined): SoaEntryType {
  return Object.assign(new SoaEntryType(), {
    control: toControlType(control),
    applicable: entity?.applicable ?? false,
    reasons: orderReasons(entity?.reasons ?? []) as SoaReasonType[],
    justification: entity?.justification ?? null,
    riskIds: [...(entity?.riskIds ?? [])],
    implementationStatus: (entity?.implementationStatus ?? 'NOT_STARTED') as ImplementationStatusType,
    ownerId: entity?.ownerId ?? null,
  });
}

/** A stored entry (its control id is an Annex A id: checked before any row is written). */
export function toStoredSoaEntryType(entity: SoaEntryEntity): SoaEntryType {
  const control = annexAControl(entity.controlId);
  if (!control) throw new Error(`soa_entry for ${entity.controlId}, which is not an Annex A control`);
  return toSoaEntryType(control, entity);
}

/** All 93 controls in catalogue order, each with its entry if there is one. */
export function toStatementOfApplicability(entities: SoaEntryEntity[]): SoaEntryType[] {
  const byControl = new Map(entities.map((entity) => [entity.controlId, entity]));
  return ANNEX_A.map((control) => toSoaEntryType(control, byControl.get(control.id)));
}

/** controls.soa-entry.changed: the entry's full state. */
export function toSoaEventData(entity: SoaEntryEntity) {
  return {
    controlId: entity.controlId,
    applicable: entity.applicable,
    reasons: orderReasons(entity.reasons),
    riskIds: [...entity.riskIds],
    justification: entity.justification,
    ownerId: entity.ownerId,
    implementationStatus: entity.implementationStatus,
  };
}
