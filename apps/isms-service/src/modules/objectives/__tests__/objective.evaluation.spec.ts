import { evaluateObjective, targetMet } from '../objective.evaluation';

describe('objective evaluation', () => {
  const at = (day: number, value: number) => ({ value, measuredAt: new Date(Date.UTC(2025, 0, day)) });

  it('takes the latest measurement by date, not by the order it was recorded in', () => {
    const result = evaluateObjective({ direction: 'HIGHER_IS_BETTER', targetValue: 95 }, [at(10, 97), at(20, 90), at(15, 99)]);
    expect(result.latest?.value).toBe(90);
    expect(result.targetMet).toBe(false);
  });

  it('meets a higher-is-better target at or above it, a lower-is-better one at or below it', () => {
    expect(targetMet('HIGHER_IS_BETTER', 95, 95)).toBe(true);
    expect(targetMet('HIGHER_IS_BETTER', 95, 94.9)).toBe(false);
    expect(targetMet('LOWER_IS_BETTER', 5, 5)).toBe(true);
    expect(targetMet('LOWER_IS_BETTER', 5, 7)).toBe(false);
    expect(evaluateObjective({ direction: 'LOWER_IS_BETTER', targetValue: 5 }, [at(1, 12), at(2, 4)]).targetMet).toBe(true);
  });

  it('says nothing about the target before the first measurement', () => {
    expect(evaluateObjective({ direction: 'LOWER_IS_BETTER', targetValue: 5 }, [])).toEqual({ latest: null, targetMet: null });
  });
});
