/**
 * The risk methodology of clause 6.1.2 as plain data and pure functions: scales, levels, the matrix and the appetite.
 * No database, no GraphQL: the service stores versions of this shape and every score goes through `assess`.
 */
export interface ScaleLevel {
  value: number;
  label: string;
  description: string;
}

export interface RiskLevelDefinition {
  /** e.g. `HIGH`; stored on risks and assessments. */
  key: string;
  label: string;
  description: string;
  /** 1 = the lowest; the order that appetite and sorting rely on. */
  rank: number;
}

export interface MethodologyDefinition {
  likelihood: ScaleLevel[];
  impact: ScaleLevel[];
  levels: RiskLevelDefinition[];
  /** matrix[i][j] = level key of the i-th likelihood value × the j-th impact value (scales in ascending order). */
  matrix: string[][];
  /** The highest level acceptable without treatment (risk appetite). */
  appetite: string;
}

export interface Methodology extends MethodologyDefinition {
  version: number;
}

export const SCALE_MIN_LEVELS = 3;
export const SCALE_MAX_LEVELS = 10;
export const MAX_RISK_LEVELS = 10;
const LEVEL_KEY = /^[A-Z][A-Z0-9_]{0,29}$/;

export interface Assessed {
  level: string;
  rank: number;
  /** likelihood value × impact value, the tie-break within a level. */
  score: number;
}

export class MethodologyProblem extends Error {
  constructor(
    readonly code: 'INVALID_METHODOLOGY' | 'VALUE_NOT_ON_SCALE',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Who "published" the built-in version 1: nobody did; it holds until the organisation publishes version 2. */
export const BUILT_IN_PUBLISHER = 'system';

/** The default 5×5 methodology every organisation starts with (version 1, built in: see `builtInMethodology`). */
export function defaultMethodology(): MethodologyDefinition {
  const level = (score: number) => (score <= 4 ? 'LOW' : score <= 9 ? 'MEDIUM' : score <= 16 ? 'HIGH' : 'CRITICAL');
  return {
    likelihood: [
      { value: 1, label: 'Rare', description: 'Not expected in the next five years' },
      { value: 2, label: 'Unlikely', description: 'Could happen once in three to five years' },
      { value: 3, label: 'Possible', description: 'Could happen once in one to three years' },
      { value: 4, label: 'Likely', description: 'Expected about once a year' },
      { value: 5, label: 'Almost certain', description: 'Expected several times a year' },
    ],
    impact: [
      { value: 1, label: 'Negligible', description: 'No noticeable effect on customers, finances or compliance' },
      { value: 2, label: 'Minor', description: 'Limited, internal effect; quickly recovered' },
      { value: 3, label: 'Moderate', description: 'Noticeable effect on customers or operations; reportable internally' },
      { value: 4, label: 'Major', description: 'Serious harm to customers, finances or reputation; regulator informed' },
      { value: 5, label: 'Severe', description: 'Threatens the licence, the business or many customers' },
    ],
    levels: [
      { key: 'LOW', label: 'Low', description: 'Acceptable; monitor', rank: 1 },
      { key: 'MEDIUM', label: 'Medium', description: 'Acceptable within appetite; review regularly', rank: 2 },
      { key: 'HIGH', label: 'High', description: 'Above appetite: treat, or accept by the risk owner', rank: 3 },
      { key: 'CRITICAL', label: 'Critical', description: 'Far above appetite: treat urgently', rank: 4 },
    ],
    matrix: [1, 2, 3, 4, 5].map((l) => [1, 2, 3, 4, 5].map((i) => level(l * i))),
    appetite: 'MEDIUM',
  };
}

function checkScale(name: 'likelihood' | 'impact', scale: ScaleLevel[]): string[] {
  const problems: string[] = [];
  if (scale.length < SCALE_MIN_LEVELS || scale.length > SCALE_MAX_LEVELS) {
    problems.push(`the ${name} scale needs ${SCALE_MIN_LEVELS} to ${SCALE_MAX_LEVELS} levels, not ${scale.length}`);
  }
  scale.forEach((level, index) => {
    if (!Number.isInteger(level.value) || level.value < 1) problems.push(`${name} level ${index + 1}: value ${level.value} must be a positive integer`);
    if (!level.label?.trim()) problems.push(`${name} level ${index + 1}: a label is required`);
    if (index > 0 && level.value <= scale[index - 1].value) problems.push(`${name} values must be listed in ascending order without repeats (${scale[index - 1].value} then ${level.value})`);
  });
  return problems;
}

/** Every problem of a proposed methodology, in words a risk manager understands; empty when it is valid. */
export function methodologyProblems(definition: MethodologyDefinition): string[] {
  const problems = [...checkScale('likelihood', definition.likelihood), ...checkScale('impact', definition.impact)];
  const { levels } = definition;
  if (levels.length < 2 || levels.length > MAX_RISK_LEVELS) problems.push(`a methodology needs 2 to ${MAX_RISK_LEVELS} risk levels, not ${levels.length}`);
  const keys = new Set<string>();
  levels.forEach((level) => {
    if (!LEVEL_KEY.test(level.key)) problems.push(`risk level key "${level.key}" must be upper-case letters, digits or _ (e.g. HIGH)`);
    if (keys.has(level.key)) problems.push(`risk level ${level.key} is defined twice`);
    keys.add(level.key);
    if (!level.label?.trim()) problems.push(`risk level ${level.key} needs a label`);
  });
  const ranks = levels.map((level) => level.rank);
  if (new Set(ranks).size !== ranks.length || ranks.some((rank) => !Number.isInteger(rank) || rank < 1)) {
    problems.push('risk level ranks must be distinct positive integers (1 = lowest)');
  }
  if (!keys.has(definition.appetite)) problems.push(`the risk appetite ${definition.appetite} is not one of the levels ${[...keys].join(', ')}`);
  const rankOf = new Map(levels.map((level) => [level.key, level.rank]));
  const { likelihood, impact, matrix } = definition;
  if (matrix.length !== likelihood.length) {
    problems.push(`the matrix has ${matrix.length} likelihood rows; the scale has ${likelihood.length}`);
    return problems;
  }
  matrix.forEach((row, i) => {
    if (row.length !== impact.length) {
      problems.push(`matrix row for likelihood ${likelihood[i].value} has ${row.length} cells; the impact scale has ${impact.length}`);
      return;
    }
    row.forEach((key, j) => {
      if (!rankOf.has(key)) problems.push(`cell likelihood ${likelihood[i].value} × impact ${impact[j].value} is "${key}", not a defined level`);
    });
  });
  if (problems.length > 0) return problems;
  // A higher likelihood or impact never gives a lower level: otherwise the matrix contradicts its own scales.
  matrix.forEach((row, i) =>
    row.forEach((key, j) => {
      const rank = rankOf.get(key) ?? 0;
      if (i > 0 && (rankOf.get(matrix[i - 1][j]) ?? 0) > rank) {
        problems.push(`cell likelihood ${likelihood[i].value} × impact ${impact[j].value} (${key}) is lower than likelihood ${likelihood[i - 1].value} × impact ${impact[j].value} (${matrix[i - 1][j]})`);
      }
      if (j > 0 && (rankOf.get(row[j - 1]) ?? 0) > rank) {
        problems.push(`cell likelihood ${likelihood[i].value} × impact ${impact[j].value} (${key}) is lower than likelihood ${likelihood[i].value} × impact ${impact[j - 1].value} (${row[j - 1]})`);
      }
    }),
  );
  return problems;
}

/** Builds the matrix from cells keyed by values; fails when a cell is missing, repeated or off the scales. */
export function matrixFromCells(likelihood: ScaleLevel[], impact: ScaleLevel[], cells: { likelihood: number; impact: number; level: string }[]): string[][] {
  const byCell = new Map<string, string>();
  const problems: string[] = [];
  const lValues = new Set(likelihood.map((l) => l.value));
  const iValues = new Set(impact.map((l) => l.value));
  for (const cell of cells) {
    const key = `${cell.likelihood}×${cell.impact}`;
    if (!lValues.has(cell.likelihood) || !iValues.has(cell.impact)) problems.push(`matrix cell ${key} is not on the scales`);
    else if (byCell.has(key)) problems.push(`matrix cell ${key} is given twice`);
    byCell.set(key, cell.level);
  }
  const matrix = likelihood.map((l) =>
    impact.map((i) => {
      const level = byCell.get(`${l.value}×${i.value}`);
      if (level === undefined) problems.push(`matrix cell likelihood ${l.value} × impact ${i.value} has no level`);
      return level ?? '';
    }),
  );
  if (problems.length > 0) throw new MethodologyProblem('INVALID_METHODOLOGY', `the risk matrix is incomplete or wrong: ${problems.join('; ')}`, { problems });
  return matrix;
}

export function validateMethodology(definition: MethodologyDefinition): void {
  const problems = methodologyProblems(definition);
  if (problems.length > 0) throw new MethodologyProblem('INVALID_METHODOLOGY', `the methodology is not valid: ${problems.join('; ')}`, { problems });
}

export function rankOf(methodology: MethodologyDefinition, level: string): number {
  const found = methodology.levels.find((l) => l.key === level);
  if (!found) throw new Error(`level ${level} is not defined`);
  return found.rank;
}

/** Looks a likelihood × impact pair up in the matrix of a version; a value off its scale is a clear error. */
export function assess(methodology: Methodology, likelihood: number, impact: number): Assessed {
  const li = methodology.likelihood.findIndex((l) => l.value === likelihood);
  const ii = methodology.impact.findIndex((l) => l.value === impact);
  const off: string[] = [];
  const scale = (s: ScaleLevel[]) => `${s.length}-level scale (${s.map((l) => l.value).join(', ')})`;
  if (li < 0) off.push(`likelihood ${likelihood} is not on the ${scale(methodology.likelihood)} of methodology v${methodology.version}`);
  if (ii < 0) off.push(`impact ${impact} is not on the ${scale(methodology.impact)} of methodology v${methodology.version}`);
  if (off.length > 0) throw new MethodologyProblem('VALUE_NOT_ON_SCALE', off.join('; '), { version: methodology.version, likelihood, impact });
  const level = methodology.matrix[li][ii];
  return { level, rank: rankOf(methodology, level), score: likelihood * impact };
}

/** True when a level is above the appetite of its methodology version. */
export function aboveAppetite(methodology: MethodologyDefinition, level: string): boolean {
  return rankOf(methodology, level) > rankOf(methodology, methodology.appetite);
}
