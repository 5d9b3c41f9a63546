import { annexAControl } from '@iso27001/iso27001';
import { toControlType } from '../catalogue/control.mapper';
import { orgUnitRef } from '../implementation/org-unit.type';
import { IsmsScopeEntity } from './isms-scope.entity';
import { snapshotToSoaEntryType } from './soa-entry.mapper';
import { CarryOverPlan } from './soa-carry-over';
import { SoaVersionEntity } from './soa-version.entity';
import { SoaVersionSubmissionEntity } from './soa-version-submission.entity';
import { SoaVersionDiffResult } from './soa-version.service';
import {
  SoaSubmissionStatusType,
  SoaVersionSubmissionType,
  SoaCarryOverConflictType,
  SoaCarryOverProposalType,
  SoaCarryOverResultType,
  SoaCarryOverSourceType,
  SoaChangeReasonType,
  SoaDiffFieldType,
  SoaEntryDiffType,
  SoaFieldChangeType,
  SoaScopeType,
  SoaVersionDiffType,
  SoaVersionType,
} from './soa-version.type';

function control(id: string) {
  const found = annexAControl(id);
  if (!found) throw new Error(`${id} is not an Annex A control`);
  return toControlType(found);
}

export function toSoaScopeType(entity: IsmsScopeEntity): SoaScopeType {
  return Object.assign(new SoaScopeType(), {
    id: entity.scopeId,
    version: entity.version,
    inScopeUnits: entity.inScopeUnitIds.map(orgUnitRef),
    approvedAt: entity.approvedAt,
  });
}

/** A version; its entries only when they were loaded (list queries leave them to the field resolver). */
export function toSoaVersionType(entity: SoaVersionEntity): SoaVersionType {
  return Object.assign(new SoaVersionType(), {
    number: entity.number,
    note: entity.note,
    scopeId: entity.scopeId,
    scopeVersion: entity.scopeVersion,
    approvedBy: entity.approvedBy,
    approvedByName: entity.approvedByName,
    approvedAt: entity.approvedAt,
    entries: entity.entries ? entity.entries.map(snapshotToSoaEntryType) : undefined,
  });
}

export function toSoaVersionDiffType(result: SoaVersionDiffResult): SoaVersionDiffType {
  return Object.assign(new SoaVersionDiffType(), {
    from: result.from.number,
    to: result.to.number,
    entries: result.entries.map((entry) =>
      Object.assign(new SoaEntryDiffType(), {
        control: control(entry.controlId),
        changes: entry.changes.map((change) => Object.assign(new SoaFieldChangeType(), { ...change, field: change.field as SoaDiffFieldType })),
        changeReasons: entry.changeReasons.map((change) =>
          Object.assign(new SoaChangeReasonType(), { changedAt: change.changedAt, actor: change.actor, reason: change.reason, fields: change.fields as SoaDiffFieldType[] }),
        ),
      }),
    ),
  });
}

export function toCarryOverResultType(plan: CarryOverPlan, applied: boolean): SoaCarryOverResultType {
  return Object.assign(new SoaCarryOverResultType(), {
    applied,
    proposals: plan.proposals.map((proposal) =>
      Object.assign(new SoaCarryOverProposalType(), { control: control(proposal.controlId), applicable: proposal.applicable, justification: proposal.justification, sources: proposal.sources }),
    ),
    conflicts: plan.conflicts.map((conflict) =>
      Object.assign(new SoaCarryOverConflictType(), {
        control: control(conflict.controlId),
        message: conflict.message,
        sources: conflict.sources.map((source) => Object.assign(new SoaCarryOverSourceType(), source)),
      }),
    ),
    unknown2013Ids: plan.unknown2013Ids,
    uncoveredControls: plan.uncovered2022Ids.map(control),
  });
}

export function toSoaVersionSubmissionType(entity: SoaVersionSubmissionEntity): SoaVersionSubmissionType {
  return Object.assign(new SoaVersionSubmissionType(), {
    id: entity.id,
    status: entity.status as SoaSubmissionStatusType,
    note: entity.note,
    scopeVersion: entity.scopeVersion,
    submittedBy: entity.submittedBy,
    submittedByName: entity.submittedByName,
    submittedAt: entity.submittedAt,
    decidedBy: entity.decidedBy,
    decidedAt: entity.decidedAt,
    decisionNote: entity.decisionNote,
    publishedNumber: entity.publishedNumber,
  });
}
