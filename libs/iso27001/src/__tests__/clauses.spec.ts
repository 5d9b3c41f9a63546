import { CLAUSE_REQUIREMENTS, clauseRequirement, isClauseRequirementId, ISMS_CLAUSES } from '../clauses';

const expectedIds = [
  '4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '6.1', '6.1.1', '6.1.2', '6.1.3', '6.2', '6.3',
  '7.1', '7.2', '7.3', '7.4', '7.5', '7.5.1', '7.5.2', '7.5.3', '8.1', '8.2', '8.3',
  '9.1', '9.2', '9.2.1', '9.2.2', '9.3', '9.3.1', '9.3.2', '9.3.3', '10.1', '10.2',
];

describe('ISO/IEC 27001:2022 clauses 4 to 10', () => {
  it('covers every sub-clause of the 2022 edition, in order, once', () => {
    expect(CLAUSE_REQUIREMENTS.map((requirement) => requirement.id)).toEqual(expectedIds);
    expect(ISMS_CLAUSES.map((clause) => clause.clause)).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });

  it('links each requirement to its clause and to a parent that exists', () => {
    for (const requirement of CLAUSE_REQUIREMENTS) {
      expect(String(requirement.clause)).toBe(requirement.id.split('.')[0]);
      if (requirement.parentId === null) {
        expect(requirement.id.split('.')).toHaveLength(2);
      } else {
        expect(isClauseRequirementId(requirement.parentId)).toBe(true);
        expect(requirement.id.startsWith(`${requirement.parentId}.`)).toBe(true);
      }
      expect(requirement.title.length).toBeGreaterThan(0);
      expect(requirement.summary.length).toBeGreaterThan(30);
    }
    expect(clauseRequirement('6.1.2')?.parentId).toBe('6.1');
    expect(clauseRequirement('4.1')?.parentId).toBeNull();
  });

  it('has the 2022 structure: planning of changes, swapped improvement clauses, split audit and review', () => {
    expect(clauseRequirement('6.3')?.title).toBe('Planning of changes');
    expect(clauseRequirement('10.1')?.title).toBe('Continual improvement');
    expect(clauseRequirement('10.2')?.title).toBe('Nonconformity and corrective action');
    expect(clauseRequirement('9.2.2')?.title).toBe('Internal audit programme');
    expect(clauseRequirement('9.3.3')?.title).toBe('Management review results');
    expect(clauseRequirement('4.1')?.summary).toMatch(/climate/i);
    expect(clauseRequirement('4.2')?.summary).toMatch(/climate/i);
    expect(clauseRequirement('11.1')).toBeUndefined();
  });

  it('flags the sub-clauses that ask for documented information', () => {
    const flagged = CLAUSE_REQUIREMENTS.filter((requirement) => requirement.requiresDocumentedInformation && !CLAUSE_REQUIREMENTS.some((child) => child.parentId === requirement.id));
    expect(flagged.map((requirement) => requirement.id)).toEqual(['4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.2', '7.5.1', '8.1', '8.2', '8.3', '9.1', '9.2.2', '9.3.3', '10.2']);
    for (const parent of CLAUSE_REQUIREMENTS.filter((requirement) => CLAUSE_REQUIREMENTS.some((child) => child.parentId === requirement.id))) {
      const children = CLAUSE_REQUIREMENTS.filter((child) => child.parentId === parent.id);
      expect(parent.requiresDocumentedInformation).toBe(children.some((child) => child.requiresDocumentedInformation));
    }
  });
});
