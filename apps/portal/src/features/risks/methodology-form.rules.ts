/** A methodology being edited: scales, levels (lowest first), the matrix cell by cell, the appetite and notes. */
export interface ScaleRow {
  value: number | string;
  label: string;
  description: string;
}

export interface LevelRow {
  key: string;
  label: string;
  description: string;
}

export interface MethodologyDraft {
  likelihood: ScaleRow[];
  impact: ScaleRow[];
  levels: LevelRow[];
  /** "likelihood:impact" -> level key. */
  matrix: Record<string, string>;
  appetite: string;
  notes: string;
}

export const SCALE_MIN = 3;
export const SCALE_MAX = 10;
export const LEVELS_MIN = 2;
export const LEVELS_MAX = 10;
const LEVEL_KEY = /^[A-Z][A-Z0-9_]{0,29}$/;

export const cellKey = (likelihood: number, impact: number): string => `${likelihood}:${impact}`;

function values(scale: readonly ScaleRow[]): number[] {
  return scale.map((row) => Number(row.value));
}

/** The draft of a published methodology, to start a new version from. */
export function draftFrom(methodology: {
  likelihoodScale: readonly { value: number; label: string; description: string }[];
  impactScale: readonly { value: number; label: string; description: string }[];
  levels: readonly { key: string; label: string; description: string; rank: number }[];
  matrix: readonly { likelihood: number; impact: number; level: string }[];
  appetite: string;
  notes?: string | null;
}): MethodologyDraft {
  return {
    likelihood: methodology.likelihoodScale.map(({ value, label, description }) => ({ value, label, description })),
    impact: methodology.impactScale.map(({ value, label, description }) => ({ value, label, description })),
    levels: [...methodology.levels].sort((a, b) => a.rank - b.rank).map(({ key, label, description }) => ({ key, label, description })),
    matrix: Object.fromEntries(methodology.matrix.map((cell) => [cellKey(cell.likelihood, cell.impact), cell.level])),
    appetite: methodology.appetite,
    notes: '',
  };
}

/**
 * Every problem of a draft, keyed by the form path it concerns ("likelihood.2.value", "matrix", "appetite"), in words
 * a risk manager understands. Mirrors the rules the API applies, so the draft is refused before it is sent.
 */
export function draftProblems(draft: MethodologyDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [name, scale] of [['likelihood', draft.likelihood], ['impact', draft.impact]] as const) {
    if (scale.length < SCALE_MIN || scale.length > SCALE_MAX) problems[name] = `The ${name} scale needs ${SCALE_MIN} to ${SCALE_MAX} levels, not ${scale.length}`;
    scale.forEach((row, index) => {
      const value = Number(row.value);
      if (row.value === '' || !Number.isInteger(value) || value < 1) problems[`${name}.${index}.value`] = 'A whole number from 1';
      else if (index > 0 && value <= Number(scale[index - 1]?.value)) problems[`${name}.${index}.value`] = 'Values go up, without repeats';
      if (!row.label.trim()) problems[`${name}.${index}.label`] = 'Give a label';
      else if (row.label.length > 100) problems[`${name}.${index}.label`] = 'Under 100 characters';
      if (row.description.length > 1_000) problems[`${name}.${index}.description`] = 'Under 1,000 characters';
    });
  }
  if (draft.levels.length < LEVELS_MIN || draft.levels.length > LEVELS_MAX) problems['levels'] = `A methodology needs ${LEVELS_MIN} to ${LEVELS_MAX} risk levels, not ${draft.levels.length}`;
  const seen = new Set<string>();
  draft.levels.forEach((level, index) => {
    if (!LEVEL_KEY.test(level.key)) problems[`levels.${index}.key`] = 'Upper-case letters, digits or _ (e.g. HIGH)';
    else if (seen.has(level.key)) problems[`levels.${index}.key`] = `${level.key} is used twice`;
    seen.add(level.key);
    if (!level.label.trim()) problems[`levels.${index}.label`] = 'Give a label';
    if (level.description.length > 1_000) problems[`levels.${index}.description`] = 'Under 1,000 characters';
  });
  if (!seen.has(draft.appetite)) problems['appetite'] = 'Choose one of the levels as the risk appetite';
  if (draft.notes.length > 5_000) problems['notes'] = 'Keep the notes under 5,000 characters';

  const scalesValid = !Object.keys(problems).some((key) => key.startsWith('likelihood') || key.startsWith('impact'));
  if (scalesValid && draft.levels.length > 0) {
    const rank = new Map(draft.levels.map((level, index) => [level.key, index]));
    const ls = values(draft.likelihood);
    const is = values(draft.impact);
    const matrixProblems: string[] = [];
    ls.forEach((l, li) =>
      is.forEach((i, ii) => {
        const key = draft.matrix[cellKey(l, i)];
        if (!key || !rank.has(key)) {
          matrixProblems.push(`likelihood ${l} × impact ${i} has no level`);
          return;
        }
        const below = li > 0 ? draft.matrix[cellKey(ls[li - 1] as number, i)] : undefined;
        const left = ii > 0 ? draft.matrix[cellKey(l, is[ii - 1] as number)] : undefined;
        if (below && rank.has(below) && (rank.get(key) ?? 0) < (rank.get(below) ?? 0)) matrixProblems.push(`likelihood ${l} × impact ${i} is lower than at likelihood ${ls[li - 1]}`);
        if (left && rank.has(left) && (rank.get(key) ?? 0) < (rank.get(left) ?? 0)) matrixProblems.push(`likelihood ${l} × impact ${i} is lower than at impact ${is[ii - 1]}`);
      }),
    );
    if (matrixProblems.length > 0) problems['matrix'] = `A higher likelihood or impact never lowers the level: ${matrixProblems.slice(0, 4).join('; ')}${matrixProblems.length > 4 ? ` and ${matrixProblems.length - 4} more` : ''}`;
  }
  return problems;
}

/** The API input of a valid draft: only cells on the scales, levels in ranking order. */
export function publishInput(draft: MethodologyDraft, expectedCurrentVersion: number) {
  const ls = values(draft.likelihood);
  const is = values(draft.impact);
  return {
    likelihoodScale: draft.likelihood.map((row) => ({ value: Number(row.value), label: row.label.trim(), description: row.description.trim() })),
    impactScale: draft.impact.map((row) => ({ value: Number(row.value), label: row.label.trim(), description: row.description.trim() })),
    levels: draft.levels.map((level) => ({ key: level.key, label: level.label.trim(), description: level.description.trim() })),
    matrix: ls.flatMap((likelihood) => is.map((impact) => ({ likelihood, impact, level: draft.matrix[cellKey(likelihood, impact)] ?? '' }))),
    appetite: draft.appetite,
    notes: draft.notes.trim() || null,
    expectedCurrentVersion,
  };
}
