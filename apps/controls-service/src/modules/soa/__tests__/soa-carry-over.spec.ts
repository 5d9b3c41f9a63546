import { ANNEX_A, ANNEX_A_2013, NEW_IN_2022 } from '@iso27001/iso27001';
import { libraryMapping2013, Mapping2013 } from '../../catalogue/control.attributes';
import { normalise2013, planCarryOver } from '../soa-carry-over';

/** A small mapping of our own, so the rules are tested apart from the catalogue's data. */
const MAP: Record<string, string[]> = {
  'A.12.6.1': ['A.8.8'],
  'A.18.2.3': ['A.8.8'],
  'A.5.1.1': ['A.5.1'],
  'A.5.1.2': ['A.5.1'],
  'A.11.1.1': ['A.7.1'],
  'A.9.4.5': ['A.8.4'],
  'A.6.2.1': ['A.8.1'],
};
const map: Mapping2013 = (id) => MAP[id] ?? null;

describe('2013 -> 2022 SoA carry-over', () => {
  it('proposes an inclusion when all 2013 sources are applicable, naming them', () => {
    const plan = planCarryOver(
      [
        { control2013Id: 'A.12.6.1', applicable: true },
        { control2013Id: '18.2.3', applicable: true },
      ],
      map,
    );
    expect(plan.proposals).toEqual([{ controlId: 'A.8.8', applicable: true, justification: 'Carried over from the 2013 SoA (A.12.6.1, A.18.2.3 applicable)', sources: ['A.12.6.1', 'A.18.2.3'] }]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.uncovered2022Ids).toHaveLength(92);
  });

  it('reports a conflict when two 2013 sources of one 2022 control disagree on applicability', () => {
    const plan = planCarryOver(
      [
        { control2013Id: 'A.5.1.1', applicable: true },
        { control2013Id: 'A.5.1.2', applicable: false, justification: 'Reviewed elsewhere' },
      ],
      map,
    );
    expect(plan.proposals).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        controlId: 'A.5.1',
        sources: [
          { control2013Id: 'A.5.1.1', applicable: true },
          { control2013Id: 'A.5.1.2', applicable: false },
        ],
        message: 'the 2013 sources disagree: A.5.1.1 applicable, A.5.1.2 not applicable',
      },
    ]);
  });

  it('carries exclusions with their justification, and flags an exclusion without one', () => {
    const plan = planCarryOver(
      [
        { control2013Id: 'A.11.1.1', applicable: false, justification: ' Fully remote company ' },
        { control2013Id: 'A.9.4.5', applicable: false, justification: '  ' },
      ],
      map,
    );
    expect(plan.proposals).toEqual([
      { controlId: 'A.7.1', applicable: false, justification: 'Fully remote company (carried over from the 2013 SoA: A.11.1.1)', sources: ['A.11.1.1'] },
    ]);
    expect(plan.conflicts.map((conflict) => [conflict.controlId, conflict.message])).toEqual([['A.8.4', 'excluded in 2013 (A.9.4.5) without a justification: an exclusion needs one']]);
  });

  it('lists unknown 2013 ids and duplicated rows', () => {
    const plan = planCarryOver(
      [
        { control2013Id: 'A.99.1.1', applicable: true },
        { control2013Id: 'A.6.2.1', applicable: true },
        { control2013Id: 'A.6.2.1', applicable: false, justification: 'x' },
      ],
      map,
    );
    expect(plan.unknown2013Ids).toEqual(['A.99.1.1']);
    expect(plan.conflicts).toEqual([expect.objectContaining({ controlId: 'A.8.1', message: 'A.6.2.1 appears more than once in the 2013 SoA' })]);
  });

  it('normalises 2013 ids', () => {
    expect(normalise2013(' 12.6.1 ')).toBe('A.12.6.1');
    expect(normalise2013('a.12.6.1')).toBe('A.12.6.1');
  });

  it('with the catalogue mapping, a full 2013 SoA covers every 2022 control except the 11 new ones', () => {
    const plan = planCarryOver(
      ANNEX_A_2013.map((control) => ({ control2013Id: control.id, applicable: true })),
      libraryMapping2013,
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.unknown2013Ids).toEqual([]);
    expect([...plan.uncovered2022Ids].sort()).toEqual([...NEW_IN_2022].sort());
    expect(plan.proposals).toHaveLength(ANNEX_A.length - NEW_IN_2022.length);
    expect(plan.proposals.find((proposal) => proposal.controlId === 'A.8.8')?.sources).toEqual(expect.arrayContaining(['A.12.6.1', 'A.18.2.3']));
  });
});
