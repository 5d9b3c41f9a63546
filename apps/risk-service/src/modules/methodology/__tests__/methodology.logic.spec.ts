import { aboveAppetite, assess, defaultMethodology, matrixFromCells, methodologyProblems, Methodology, MethodologyProblem, validateMethodology } from '../methodology.logic';

const v1: Methodology = { ...defaultMethodology(), version: 1 };

function threeByThree(): Methodology {
  const scale = [1, 2, 3].map((value) => ({ value, label: `L${value}`, description: '' }));
  return {
    version: 2,
    likelihood: scale,
    impact: scale,
    levels: [
      { key: 'LOW', label: 'Low', description: '', rank: 1 },
      { key: 'HIGH', label: 'High', description: '', rank: 2 },
    ],
    matrix: [
      ['LOW', 'LOW', 'HIGH'],
      ['LOW', 'HIGH', 'HIGH'],
      ['HIGH', 'HIGH', 'HIGH'],
    ],
    appetite: 'LOW',
  };
}

describe('risk methodology', () => {
  it('the default 5×5 methodology is valid and maps scores to levels', () => {
    expect(methodologyProblems(v1)).toEqual([]);
    expect(assess(v1, 1, 1)).toEqual({ level: 'LOW', rank: 1, score: 1 });
    expect(assess(v1, 3, 3)).toEqual({ level: 'MEDIUM', rank: 2, score: 9 });
    expect(assess(v1, 4, 4)).toEqual({ level: 'HIGH', rank: 3, score: 16 });
    expect(assess(v1, 4, 5)).toEqual({ level: 'CRITICAL', rank: 4, score: 20 });
    expect(aboveAppetite(v1, 'MEDIUM')).toBe(false);
    expect(aboveAppetite(v1, 'HIGH')).toBe(true);
  });

  it('looks cells up by scale position, not by value', () => {
    const sparse: Methodology = { ...threeByThree(), likelihood: [1, 5, 10].map((value) => ({ value, label: `L${value}`, description: '' })) };
    expect(assess(sparse, 5, 2).level).toBe('HIGH');
    expect(assess(sparse, 1, 2).level).toBe('LOW');
  });

  it('refuses values off the scale of the version used, naming the version', () => {
    const v2 = threeByThree();
    expect(() => assess(v2, 7, 2)).toThrow('likelihood 7 is not on the 3-level scale (1, 2, 3) of methodology v2');
    try {
      assess(v2, 4, 0);
      throw new Error('not raised');
    } catch (error) {
      expect(error).toBeInstanceOf(MethodologyProblem);
      expect((error as MethodologyProblem).message).toBe(
        'likelihood 4 is not on the 3-level scale (1, 2, 3) of methodology v2; impact 0 is not on the 3-level scale (1, 2, 3) of methodology v2',
      );
    }
  });

  it('finds every problem of a proposed methodology', () => {
    const two = [1, 2].map((value) => ({ value, label: `L${value}`, description: '' }));
    const problems = methodologyProblems({ ...threeByThree(), likelihood: two, matrix: [['LOW'], ['LOW', 'MEDIUM', 'HIGH']], appetite: 'NONE' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'the likelihood scale needs 3 to 10 levels, not 2',
        'the risk appetite NONE is not one of the levels LOW, HIGH',
        'matrix row for likelihood 1 has 1 cells; the impact scale has 3',
        'cell likelihood 2 × impact 2 is "MEDIUM", not a defined level',
      ]),
    );
    const descending = methodologyProblems({ ...threeByThree(), impact: [3, 2, 1].map((value) => ({ value, label: 'x', description: '' })) });
    expect(descending).toContain('impact values must be listed in ascending order without repeats (3 then 2)');
    const elevenLevels = Array.from({ length: 11 }, (_, i) => ({ value: i + 1, label: 'x', description: '' }));
    expect(methodologyProblems({ ...threeByThree(), impact: elevenLevels })).toContain('the impact scale needs 3 to 10 levels, not 11');
  });

  it('refuses a matrix where a higher likelihood or impact gives a lower level', () => {
    const inverted = threeByThree();
    inverted.matrix[2] = ['LOW', 'HIGH', 'HIGH'];
    expect(methodologyProblems(inverted)).toEqual([]);
    inverted.matrix[2] = ['HIGH', 'LOW', 'HIGH'];
    expect(methodologyProblems(inverted)).toEqual([
      'cell likelihood 3 × impact 2 (LOW) is lower than likelihood 2 × impact 2 (HIGH)',
      'cell likelihood 3 × impact 2 (LOW) is lower than likelihood 3 × impact 1 (HIGH)',
    ]);
    const flipped = threeByThree();
    flipped.matrix[1] = ['HIGH', 'LOW', 'HIGH'];
    expect(methodologyProblems(flipped)).toContain('cell likelihood 2 × impact 2 (LOW) is lower than likelihood 2 × impact 1 (HIGH)');
    expect(() => validateMethodology(flipped)).toThrow(/the methodology is not valid/);
  });

  it('builds the matrix from cells and reports missing, repeated and off-scale cells', () => {
    const { likelihood, impact } = threeByThree();
    const cells = likelihood.flatMap((l) => impact.map((i) => ({ likelihood: l.value, impact: i.value, level: l.value + i.value > 4 ? 'HIGH' : 'LOW' })));
    expect(matrixFromCells(likelihood, impact, cells)).toEqual([
      ['LOW', 'LOW', 'LOW'],
      ['LOW', 'LOW', 'HIGH'],
      ['LOW', 'HIGH', 'HIGH'],
    ]);
    expect(() => matrixFromCells(likelihood, impact, [...cells.slice(1), cells[2], { likelihood: 9, impact: 1, level: 'LOW' }])).toThrow(
      'the risk matrix is incomplete or wrong: matrix cell 1×3 is given twice; matrix cell 9×1 is not on the scales; matrix cell likelihood 1 × impact 1 has no level',
    );
  });
});
