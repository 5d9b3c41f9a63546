/** Clause 6.2: whether an objective's measurable target is met by its latest measurement. Pure. */

export type ObjectiveDirection = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface Measurement {
  value: number;
  measuredAt: Date;
}

export function latestMeasurement<T extends Measurement>(history: readonly T[]): T | null {
  let latest: T | null = null;
  for (const m of history) if (!latest || m.measuredAt.getTime() > latest.measuredAt.getTime()) latest = m;
  return latest;
}

/** Met when the value reaches the target in the objective's direction (the target itself counts as met). */
export function targetMet(direction: ObjectiveDirection, targetValue: number, value: number): boolean {
  return direction === 'HIGHER_IS_BETTER' ? value >= targetValue : value <= targetValue;
}

export function evaluateObjective<T extends Measurement>(
  objective: { direction: ObjectiveDirection; targetValue: number },
  history: readonly T[],
): { latest: T | null; targetMet: boolean | null } {
  const latest = latestMeasurement(history);
  return { latest, targetMet: latest ? targetMet(objective.direction, objective.targetValue, latest.value) : null };
}
