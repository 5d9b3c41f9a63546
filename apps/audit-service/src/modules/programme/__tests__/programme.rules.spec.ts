import { coversRequirement, invalidCriteria, programmeCoverage, PROGRAMME_REQUIREMENTS } from '../programme.rules';

describe('internal audit programme rules', () => {
  it('covers a requirement by the clause, the requirement itself or a requirement below it', () => {
    expect(coversRequirement('6', '6.1')).toBe(true);
    expect(coversRequirement('6.1.2', '6.1')).toBe(true);
    expect(coversRequirement('6.1', '6.1')).toBe(true);
    expect(coversRequirement('6.1', '6.2')).toBe(false);
    expect(coversRequirement('1', '10.1')).toBe(false);
  });

  it('lists every first-level requirement of clauses 4 to 10 and which audits cover it and each applicable control', () => {
    expect(PROGRAMME_REQUIREMENTS[0]?.id).toBe('4.1');
    expect(PROGRAMME_REQUIREMENTS.at(-1)?.id).toBe('10.2');
    const coverage = programmeCoverage(
      [
        { id: 'a', clauses: ['4', '9.2'], controlIds: ['A.5.1'] },
        { id: 'b', clauses: ['9.2.1'], controlIds: ['A.8.13', 'A.5.1'] },
      ],
      ['A.8.13', 'A.5.1', 'A.5.10'],
    );
    expect(coverage.clauses.find((c) => c.clause === '4.3')?.engagementIds).toEqual(['a']);
    expect(coverage.clauses.find((c) => c.clause === '9.2')?.engagementIds).toEqual(['a', 'b']);
    expect(coverage.clauses.find((c) => c.clause === '5.1')?.engagementIds).toEqual([]);
    expect(coverage.controls).toEqual([
      { controlId: 'A.5.1', engagementIds: ['a', 'b'] },
      { controlId: 'A.5.10', engagementIds: [] },
      { controlId: 'A.8.13', engagementIds: ['b'] },
    ]);
  });

  it('names criteria that are not of the standard', () => {
    expect(invalidCriteria(['4.1', '11', '6.9'], ['A.5.1', 'A.9.1'])).toEqual(['clause 11', 'clause 6.9', 'control A.9.1']);
  });
});
