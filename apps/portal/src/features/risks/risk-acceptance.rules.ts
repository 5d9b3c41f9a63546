/** What the residual-risk acceptance rules (risk-service risk-acceptance.rules.ts) need of a risk. */
export interface AcceptanceFacts {
  ownerAssignedAt: string;
  assessments: readonly { kind: string; assessedBy: string; assessedAt: string }[];
}

/**
 * Why the owner may not sign the acceptance yet, as the API would refuse it: the residual assessment in force was
 * recorded before they became the owner (someone re-assesses it first), or they recorded it themselves (someone else
 * assesses it). Null when they may sign, or when there is no residual assessment (the page says so already).
 */
export function acceptanceBlock(me: string | null, risk: AcceptanceFacts): 'RESIDUAL_PREDATES_OWNER' | 'SELF_ASSESSED_RESIDUAL' | null {
  const residual = risk.assessments.filter((a) => a.kind === 'RESIDUAL').sort((a, b) => Date.parse(a.assessedAt) - Date.parse(b.assessedAt)).at(-1);
  if (!residual) return null;
  if (Date.parse(residual.assessedAt) <= Date.parse(risk.ownerAssignedAt)) return 'RESIDUAL_PREDATES_OWNER';
  if (me !== null && residual.assessedBy === me) return 'SELF_ASSESSED_RESIDUAL';
  return null;
}
