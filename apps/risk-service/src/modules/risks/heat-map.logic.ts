import { Methodology } from '../methodology/methodology.logic';

export interface CellCount {
  likelihood: number;
  impact: number;
  count: number;
}

export interface HeatMapCell extends CellCount {
  level: string;
}

/** Every cell of the methodology's matrix with its count (0 when no risk is there); counts off the scales are ignored. */
export function heatMap(methodology: Methodology, counts: CellCount[]): HeatMapCell[] {
  const byCell = new Map<string, number>();
  for (const c of counts) byCell.set(`${c.likelihood}×${c.impact}`, (byCell.get(`${c.likelihood}×${c.impact}`) ?? 0) + c.count);
  return methodology.likelihood.flatMap((l, i) =>
    methodology.impact.map((im, j) => ({ likelihood: l.value, impact: im.value, level: methodology.matrix[i][j], count: byCell.get(`${l.value}×${im.value}`) ?? 0 })),
  );
}
