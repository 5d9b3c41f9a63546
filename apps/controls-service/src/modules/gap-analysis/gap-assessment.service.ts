import { In } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { GapAssessmentEntity } from './gap-assessment.entity';
import { gapErrors } from './gap-assessment.errors';
import { GapAssessmentInput } from './gap-assessment.input';
import { GapStatus, gapItem, isParentRequirement, scoreOf } from './gap-analysis.rules';

type Row = Omit<GapAssessmentEntity, 'assessedAt'>;

/** Checks one answer against the catalogue and the rules of the scale; returns the row to store. */
function checkedRow(input: GapAssessmentInput, claims: Claims, index: number | null): Row {
  const where = index === null ? '' : `answer ${index + 1} (${input.itemId}): `;
  const itemId = input.itemId.trim();
  const item = gapItem(itemId);
  if (!item) {
    if (isParentRequirement(itemId)) {
      throw gapErrors.raise('NOT_A_LEAF_REQUIREMENT', `${where}clause ${itemId} is assessed through its sub-clauses (e.g. ${itemId}.1), not as a whole`);
    }
    throw gapErrors.raise('UNKNOWN_ITEM', `${where}${itemId} is neither an ISO/IEC 27001:2022 clause requirement nor an Annex A control`);
  }
  const currentState = input.currentState.trim();
  if (!currentState) throw gapErrors.raise('CURRENT_STATE_REQUIRED', `${where}describe what exists today (currentState)`);
  const score = scoreOf(input.status as GapStatus);
  const gap = input.gap?.trim() || null;
  if (score < 3 && !gap) throw gapErrors.raise('GAP_REQUIRED', `${where}${input.status} needs a description of the gap (what is missing)`);
  const remediationAction = input.remediationAction?.trim() || null;
  if (!remediationAction && (input.remediationOwnerId || input.remediationDueOn)) {
    throw gapErrors.raise('REMEDIATION_INCOMPLETE', `${where}a remediation owner or due date needs a remediation action`);
  }
  return {
    organisationId: claims.organisationId,
    itemId,
    itemKind: item.kind,
    score,
    currentState,
    gap,
    remediationAction,
    remediationOwnerId: input.remediationOwnerId ?? null,
    remediationDueOn: input.remediationDueOn ?? null,
    assessedBy: claims.sub,
    assessedByName: claims.name,
  };
}

export class GapAssessmentService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<GapAssessmentEntity[]> {
    return this.deps.dataSource.getRepository(GapAssessmentEntity).findBy({ organisationId });
  }

  /**
   * Records assessments in bulk: every answer is checked first (nothing is written if one is wrong), then one
   * set-based upsert in one transaction stores them all.
   */
  async record(inputs: readonly GapAssessmentInput[], claims: Claims): Promise<GapAssessmentEntity[]> {
    if (inputs.length === 0) throw gapErrors.raise('NO_ANSWERS', 'there are no answers to record');
    const rows = inputs.map((input, index) => checkedRow(input, claims, inputs.length > 1 ? index : null));
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.itemId)) throw gapErrors.raise('DUPLICATE_ITEM', `${row.itemId} is answered more than once`);
      seen.add(row.itemId);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(GapAssessmentEntity)
        .values(rows)
        .orUpdate(
          ['item_kind', 'score', 'current_state', 'gap', 'remediation_action', 'remediation_owner_id', 'remediation_due_on', 'assessed_by', 'assessed_by_name', 'assessed_at'],
          ['organisation_id', 'item_id'],
        )
        .execute();
      return manager.getRepository(GapAssessmentEntity).findBy({ organisationId: claims.organisationId, itemId: In(rows.map((row) => row.itemId)) });
    });
  }
}
