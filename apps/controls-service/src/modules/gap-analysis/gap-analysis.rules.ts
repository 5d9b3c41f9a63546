import { ANNEX_A, AnnexAControl, CLAUSE_REQUIREMENTS, ClauseRequirement, ControlTheme } from '@iso27001/iso27001';

/**
 * The scale of a gap assessment. Readiness gives each item its score out of 3 (an item not assessed yet counts
 * as 0): NOT_IN_PLACE 0 (nothing exists), PARTIAL 1 (some of it exists, not consistently), LARGELY 2 (in place with
 * minor gaps), FULLY 3 (in place, operating, with evidence).
 */
export const GAP_STATUSES = ['NOT_IN_PLACE', 'PARTIAL', 'LARGELY', 'FULLY'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];
export const MAX_SCORE = GAP_STATUSES.length - 1;

export function scoreOf(status: GapStatus): number {
  return GAP_STATUSES.indexOf(status);
}

export function statusOf(score: number): GapStatus {
  const status = GAP_STATUSES[score];
  if (!status) throw new Error(`gap score ${score} is outside 0 … ${MAX_SCORE}`);
  return status;
}

export type GapItem =
  | { kind: 'CLAUSE'; id: string; title: string; clause: number; requirement: ClauseRequirement }
  | { kind: 'CONTROL'; id: string; title: string; theme: ControlTheme; control: AnnexAControl };

/**
 * What is assessed: every clause requirement that has no sub-clauses of its own (`6.1.2`, not `6.1`, whose parts are
 * assessed one by one, so nothing counts twice), then the 93 Annex A controls, in catalogue order.
 */
export function gapItems(): GapItem[] {
  const parents = new Set(CLAUSE_REQUIREMENTS.map((requirement) => requirement.parentId).filter((id): id is string => id !== null));
  return [
    ...CLAUSE_REQUIREMENTS.filter((requirement) => !parents.has(requirement.id)).map(
      (requirement): GapItem => ({ kind: 'CLAUSE', id: requirement.id, title: requirement.title, clause: requirement.clause, requirement }),
    ),
    ...ANNEX_A.map((control): GapItem => ({ kind: 'CONTROL', id: control.id, title: control.title, theme: control.theme, control })),
  ];
}

let cached: { items: GapItem[]; byId: Map<string, GapItem>; parents: Set<string> } | null = null;

function catalogue() {
  if (!cached) {
    const items = gapItems();
    cached = {
      items,
      byId: new Map(items.map((item) => [item.id, item])),
      parents: new Set(CLAUSE_REQUIREMENTS.map((requirement) => requirement.parentId).filter((id): id is string => id !== null)),
    };
  }
  return cached;
}

export function allGapItems(): readonly GapItem[] {
  return catalogue().items;
}

export function gapItem(id: string): GapItem | undefined {
  return catalogue().byId.get(id);
}

/** A clause requirement that is assessed through its sub-clauses (e.g. `9.2`). */
export function isParentRequirement(id: string): boolean {
  return catalogue().parents.has(id);
}

export interface RollUp {
  key: string;
  total: number;
  assessed: number;
  /** Items per status; items not assessed yet are `total - assessed`. */
  counts: Record<GapStatus, number>;
  /** Sum of scores / (3 × items) × 100, one decimal; 0 for an empty group. */
  readinessPercent: number;
}

export function readinessPercent(scores: readonly (number | null)[]): number {
  if (scores.length === 0) return 0;
  const sum = scores.reduce<number>((total, score) => total + (score ?? 0), 0);
  return Math.round((sum / (MAX_SCORE * scores.length)) * 1000) / 10;
}

export function rollUp(key: string, scores: readonly (number | null)[]): RollUp {
  const counts = Object.fromEntries(GAP_STATUSES.map((status) => [status, 0])) as Record<GapStatus, number>;
  for (const score of scores) if (score !== null) counts[statusOf(score)] += 1;
  return { key, total: scores.length, assessed: scores.filter((score) => score !== null).length, counts, readinessPercent: readinessPercent(scores) };
}

/** Roll-ups of every item by clause (4 … 10) and by Annex A theme, and overall, from the scores known per item id. */
export function gapRollUps(items: readonly GapItem[], scoreById: ReadonlyMap<string, number>) {
  const score = (item: GapItem): number | null => scoreById.get(item.id) ?? null;
  const clauseItems = items.filter((item): item is Extract<GapItem, { kind: 'CLAUSE' }> => item.kind === 'CLAUSE');
  const controlItems = items.filter((item): item is Extract<GapItem, { kind: 'CONTROL' }> => item.kind === 'CONTROL');
  const clauses = [...new Set(clauseItems.map((item) => item.clause))].sort((a, b) => a - b);
  const themes = [...new Set(controlItems.map((item) => item.theme))];
  return {
    overall: rollUp('OVERALL', items.map(score)),
    clausesOverall: rollUp('CLAUSES', clauseItems.map(score)),
    controlsOverall: rollUp('ANNEX_A', controlItems.map(score)),
    byClause: clauses.map((clause) => rollUp(String(clause), clauseItems.filter((item) => item.clause === clause).map(score))),
    byTheme: themes.map((theme) => rollUp(theme, controlItems.filter((item) => item.theme === theme).map(score))),
  };
}

/** The questionnaire's question for an item, in our own words. */
export function questionFor(item: GapItem): string {
  if (item.kind === 'CLAUSE') {
    const documented = item.requirement.requiresDocumentedInformation ? ' Which documented information shows it?' : '';
    return `Clause ${item.id} (${item.title}): how far is this in place today, and what is still missing? An auditor looks for this: ${item.requirement.summary}${documented}`;
  }
  return `Annex A ${item.id} (${item.title}): is this control designed, implemented and operating across the ISMS scope today? Describe what exists and what is missing.`;
}
