import { soaReasons } from '@iso27001/contracts';
import { SoaReason } from './soa-entry.entity';

/** The part of an SoA entry that risk treatment and applicability decisions change. */
export interface SoaState {
  applicable: boolean;
  reasons: SoaReason[];
  riskIds: string[];
  justification: string | null;
}

/** What a control without an entry shows. */
export const UNDECIDED: Readonly<SoaState> = Object.freeze({ applicable: false, reasons: [], riskIds: [], justification: null });

/** Reasons without duplicates, in the catalogue order of reasons. */
export function orderReasons(reasons: Iterable<SoaReason>): SoaReason[] {
  const set = new Set(reasons);
  return soaReasons.filter((reason) => set.has(reason));
}

export function unlinkedJustification(riskIds: readonly string[]): string {
  return `No longer required by risk treatment (risk ${riskIds.join(', ')} unlinked)`;
}

/**
 * A control's entry after the set of MODIFY-treated risks linking it became `linkedRiskIds`:
 * RISK_TREATMENT is a reason exactly when some risk links it, the other reasons stay, and the control is applicable
 * exactly when it has a reason. Becoming applicable clears a justification for exclusion; losing the last risk with
 * no other reason left makes it not applicable with a justification naming the unlinked risks.
 */
export function applyRiskLinks(current: SoaState, linkedRiskIds: readonly string[]): SoaState {
  const riskIds = [...new Set(linkedRiskIds)].sort();
  const others = current.reasons.filter((reason) => reason !== 'RISK_TREATMENT');
  const reasons = orderReasons(riskIds.length > 0 ? ['RISK_TREATMENT', ...others] : others);
  const applicable = reasons.length > 0;
  let justification = current.justification;
  if (applicable && !current.applicable) {
    justification = null;
  } else if (!applicable && current.applicable) {
    const unlinked = current.riskIds.filter((id) => !riskIds.includes(id));
    justification = unlinkedJustification(unlinked);
  }
  return { applicable, reasons, riskIds, justification };
}

export function sameState(a: SoaState, b: SoaState): boolean {
  return (
    a.applicable === b.applicable &&
    a.justification === b.justification &&
    a.reasons.join() === b.reasons.join() &&
    [...a.riskIds].sort().join() === [...b.riskIds].sort().join()
  );
}
