import { ANNEX_A, AnnexAControl, annexAControl } from '@iso27001/iso27001';
import { toControlType } from '../catalogue/control.mapper';
import { SoaEntryEntity } from './soa-entry.entity';
import { SoaSnapshotEntry } from './soa-version.entity';
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
    ownerIds: [...(entity?.ownerIds ?? [])],
    policyIds: [...(entity?.policyIds ?? [])],
    evidenceIds: [...(entity?.evidenceIds ?? [])],
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

/** The entry as a version snapshot stores it. */
export function toSnapshotEntry(controlId: string, entity: SoaEntryEntity | undefined): SoaSnapshotEntry {
  return {
    controlId,
    applicable: entity?.applicable ?? false,
    reasons: orderReasons(entity?.reasons ?? []),
    justification: entity?.justification ?? null,
    riskIds: [...(entity?.riskIds ?? [])].sort(),
    implementationStatus: entity?.implementationStatus ?? 'NOT_STARTED',
    ownerIds: [...(entity?.ownerIds ?? [])],
    policyIds: [...(entity?.policyIds ?? [])].sort(),
    evidenceIds: [...(entity?.evidenceIds ?? [])].sort(),
  };
}

/** A snapshot entry shown like a live entry (versions, exports). */
export function snapshotToSoaEntryType(entry: SoaSnapshotEntry): SoaEntryType {
  const control = annexAControl(entry.controlId);
  if (!control) throw new Error(`SoA snapshot names ${entry.controlId}, which is not an Annex A control`);
  return Object.assign(new SoaEntryType(), {
    control: toControlType(control),
    applicable: entry.applicable,
    reasons: orderReasons(entry.reasons) as SoaReasonType[],
    justification: entry.justification,
    riskIds: [...entry.riskIds],
    implementationStatus: entry.implementationStatus as ImplementationStatusType,
    ownerIds: [...entry.ownerIds],
    policyIds: [...entry.policyIds],
    evidenceIds: [...entry.evidenceIds],
  });
}
