import { ANNEX_A } from '@iso27001/iso27001';
import { Mapping2013 } from '../catalogue/control.attributes';

export interface Soa2013Row {
  control2013Id: string;
  applicable: boolean;
  justification?: string | null;
}

export interface CarryOverProposal {
  controlId: string;
  applicable: boolean;
  justification: string;
  sources: string[];
}

export interface CarryOverConflict {
  controlId: string;
  sources: { control2013Id: string; applicable: boolean }[];
  message: string;
}

export interface CarryOverPlan {
  proposals: CarryOverProposal[];
  conflicts: CarryOverConflict[];
  /** Ids in the input that are not ISO/IEC 27001:2013 Annex A controls. */
  unknown2013Ids: string[];
  /** 2022 controls that no row of the input maps to (mostly the 11 new controls): to decide by hand. */
  uncovered2022Ids: string[];
}

/**
 * Proposes 2022 SoA entries from a 2013 SoA through the 2013 -> 2022 mapping. A 2022 control fed by several 2013
 * controls is proposed only when they agree on applicability; an exclusion carries the 2013 justifications, and is a
 * conflict when none was given. A 2013 control listed twice is a conflict on every control it maps to.
 */
export function planCarryOver(input: readonly Soa2013Row[], map: Mapping2013): CarryOverPlan {
  const rows = input.map((row) => ({ ...row, control2013Id: normalise2013(row.control2013Id) }));
  const unknown2013Ids: string[] = [];
  const sourcesOf = new Map<string, Soa2013Row[]>();
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.control2013Id, (seen.get(row.control2013Id) ?? 0) + 1);
  for (const row of rows) {
    const targets = map(row.control2013Id);
    if (!targets || targets.length === 0) {
      if (!unknown2013Ids.includes(row.control2013Id)) unknown2013Ids.push(row.control2013Id);
      continue;
    }
    for (const controlId of new Set(targets)) sourcesOf.set(controlId, [...(sourcesOf.get(controlId) ?? []), row]);
  }
  const proposals: CarryOverProposal[] = [];
  const conflicts: CarryOverConflict[] = [];
  const uncovered2022Ids: string[] = [];
  for (const control of ANNEX_A) {
    const sources = sourcesOf.get(control.id);
    if (!sources) {
      uncovered2022Ids.push(control.id);
      continue;
    }
    const described = sources.map((row) => ({ control2013Id: row.control2013Id, applicable: row.applicable }));
    const ids = [...new Set(sources.map((row) => row.control2013Id))];
    const duplicated = ids.filter((id) => (seen.get(id) ?? 0) > 1);
    if (duplicated.length > 0) {
      conflicts.push({ controlId: control.id, sources: described, message: `${duplicated.join(', ')} appears more than once in the 2013 SoA` });
      continue;
    }
    const included = sources.filter((row) => row.applicable).map((row) => row.control2013Id);
    const excluded = sources.filter((row) => !row.applicable).map((row) => row.control2013Id);
    if (included.length > 0 && excluded.length > 0) {
      conflicts.push({
        controlId: control.id,
        sources: described,
        message: `the 2013 sources disagree: ${included.join(', ')} applicable, ${excluded.join(', ')} not applicable`,
      });
      continue;
    }
    if (included.length > 0) {
      proposals.push({ controlId: control.id, applicable: true, justification: `Carried over from the 2013 SoA (${ids.join(', ')} applicable)`, sources: ids });
      continue;
    }
    const reasons = [...new Set(sources.map((row) => row.justification?.trim()).filter((text): text is string => !!text))];
    if (reasons.length === 0) {
      conflicts.push({ controlId: control.id, sources: described, message: `excluded in 2013 (${ids.join(', ')}) without a justification: an exclusion needs one` });
      continue;
    }
    proposals.push({ controlId: control.id, applicable: false, justification: `${reasons.join('; ')} (carried over from the 2013 SoA: ${ids.join(', ')})`, sources: ids });
  }
  return { proposals, conflicts, unknown2013Ids, uncovered2022Ids };
}

/** `12.6.1` and `a.12.6.1` -> `A.12.6.1`. */
export function normalise2013(id: string): string {
  const trimmed = id.trim();
  return /^A\./i.test(trimmed) ? `A.${trimmed.slice(2)}` : `A.${trimmed}`;
}
