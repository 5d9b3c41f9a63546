/** A risk level of a methodology as the screens need it: its key, its words and its rank (1 = lowest). */
export interface LevelDefinition {
  key: string;
  label: string;
  rank: number;
}

export interface ScaleLevel {
  value: number;
  label: string;
}

export interface MatrixCell {
  likelihood: number;
  impact: number;
  level: string;
}

/** Mantine palettes from the lowest level to the highest. */
const PALETTE = ['green', 'yellow', 'orange', 'red'] as const;

/** The palette colour of a level: the lowest level green, the highest red, whatever the number of levels. */
export function levelColour(levels: readonly LevelDefinition[], key: string | null | undefined): string {
  const ranked = [...levels].sort((a, b) => a.rank - b.rank);
  const index = ranked.findIndex((level) => level.key === key);
  if (index < 0) return 'gray';
  if (ranked.length === 1) return PALETTE[0];
  const position = Math.round((index / (ranked.length - 1)) * (PALETTE.length - 1));
  return PALETTE[Math.min(PALETTE.length - 1, Math.max(0, position))] ?? 'gray';
}

/** "HIGH" -> "High" as the methodology words it; a key of an older version is shown as words too. */
export function levelLabel(levels: readonly LevelDefinition[], key: string | null | undefined): string {
  if (!key) return '—';
  const found = levels.find((level) => level.key === key);
  if (found) return found.label;
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The level of a likelihood × impact cell under a methodology's matrix. */
export function levelAt(matrix: readonly MatrixCell[], likelihood: number | null | undefined, impact: number | null | undefined): string | null {
  if (likelihood == null || impact == null) return null;
  return matrix.find((cell) => cell.likelihood === likelihood && cell.impact === impact)?.level ?? null;
}

/** Whether a level is above the appetite (the highest level acceptable without treatment or acceptance). */
export function aboveAppetite(levels: readonly LevelDefinition[], appetite: string, key: string | null | undefined): boolean {
  const rank = levels.find((level) => level.key === key)?.rank;
  const limit = levels.find((level) => level.key === appetite)?.rank;
  return rank !== undefined && limit !== undefined && rank > limit;
}

/** "4 Likely" for a value of a scale; the bare value when the scale does not know it. */
export function scaleLabel(scale: readonly ScaleLevel[], value: number | null | undefined): string {
  if (value == null) return '—';
  const found = scale.find((level) => level.value === value);
  return found ? `${value} ${found.label}` : String(value);
}
