import type { ScaleLevel } from './risk-level.rules';

export type HeatMapKind = 'inherent' | 'residual';

export interface HeatCell {
  likelihood: number;
  impact: number;
  level: string;
  count: number;
}

/** Rows of the grid, the highest likelihood on top; each row's cells by impact, lowest on the left. */
export function heatMapRows(cells: readonly HeatCell[], likelihood: readonly ScaleLevel[], impact: readonly ScaleLevel[]): { likelihood: ScaleLevel; cells: { impact: ScaleLevel; cell: HeatCell | null }[] }[] {
  const byKey = new Map(cells.map((c) => [`${c.likelihood}:${c.impact}`, c]));
  return [...likelihood]
    .sort((a, b) => b.value - a.value)
    .map((l) => ({ likelihood: l, cells: [...impact].sort((a, b) => a.value - b.value).map((i) => ({ impact: i, cell: byKey.get(`${l.value}:${i.value}`) ?? null })) }));
}

/** "Likelihood 4, impact 5: 1 risk": the accessible name of a cell. */
export function cellName(likelihood: number, impact: number, count: number): string {
  return `Likelihood ${likelihood}, impact ${impact}: ${count} ${count === 1 ? 'risk' : 'risks'}`;
}

export interface ScannedRisk {
  inherentLikelihood: number;
  inherentImpact: number;
  inherentVersion: number;
  residualLikelihood: number | null;
  residualImpact: number | null;
  residualVersion: number | null;
}

/** Whether a risk sits in a cell of the heat map drawn for methodology `version` (as the API counts it). */
export function inCell(risk: ScannedRisk, kind: HeatMapKind, likelihood: number, impact: number, version: number): boolean {
  if (kind === 'inherent') return risk.inherentVersion === version && risk.inherentLikelihood === likelihood && risk.inherentImpact === impact;
  return risk.residualVersion === version && risk.residualLikelihood === likelihood && risk.residualImpact === impact;
}
