import { diffSnapshots, undecided } from '../soa-version.diff';
import { SoaSnapshotEntry } from '../soa-version.entity';

const R1 = '11111111-1111-4111-8111-111111111111';
const P1 = '33333333-3333-4333-8333-333333333333';
const O1 = '44444444-4444-4444-8444-444444444444';
const O2 = '55555555-5555-4555-8555-555555555555';

function entry(controlId: string, changes: Partial<SoaSnapshotEntry> = {}): SoaSnapshotEntry {
  return { ...undecided(controlId), ...changes };
}

describe('SoA version diff', () => {
  it('reports nothing for identical snapshots, whatever the order of set-like lists', () => {
    const a = [entry('A.5.1', { applicable: true, reasons: ['LEGAL'], riskIds: [R1, P1] })];
    const b = [entry('A.5.1', { applicable: true, reasons: ['LEGAL'], riskIds: [P1, R1] })];
    expect(diffSnapshots(a, b)).toEqual([]);
  });

  it('names every changed field with its before and after values', () => {
    const from = [
      entry('A.5.1'),
      entry('A.5.2', { applicable: true, reasons: ['BUSINESS'], implementationStatus: 'PLANNED', ownerIds: [O1] }),
      entry('A.5.3', { applicable: true, reasons: ['LEGAL'] }),
    ];
    const to = [
      entry('A.5.1', { applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [R1] }),
      entry('A.5.2', { applicable: false, reasons: [], justification: 'No such activity', implementationStatus: 'PLANNED', ownerIds: [O2, O1], policyIds: [P1] }),
      entry('A.5.3', { applicable: true, reasons: ['LEGAL'] }),
    ];
    expect(diffSnapshots(from, to)).toEqual([
      {
        controlId: 'A.5.1',
        changes: [
          { field: 'APPLICABILITY', before: 'not applicable', after: 'applicable' },
          { field: 'REASONS', before: null, after: 'RISK_TREATMENT' },
          { field: 'RISKS', before: null, after: R1 },
        ],
      },
      {
        controlId: 'A.5.2',
        changes: [
          { field: 'APPLICABILITY', before: 'applicable', after: 'not applicable' },
          { field: 'REASONS', before: 'BUSINESS', after: null },
          { field: 'JUSTIFICATION', before: null, after: 'No such activity' },
          { field: 'OWNERS', before: O1, after: `${O2}, ${O1}` },
          { field: 'POLICIES', before: null, after: P1 },
        ],
      },
    ]);
  });

  it('treats a change of lead owner (order of owners) and of implementation status as changes', () => {
    const diff = diffSnapshots([entry('A.8.1', { ownerIds: [O1, O2] })], [entry('A.8.1', { ownerIds: [O2, O1], implementationStatus: 'IMPLEMENTED' })]);
    expect(diff[0]?.changes.map((change) => change.field)).toEqual(['IMPLEMENTATION_STATUS', 'OWNERS']);
  });

  it('compares a control missing on one side against an undecided entry', () => {
    expect(diffSnapshots([], [entry('A.6.1', { applicable: true, reasons: ['CONTRACTUAL'] })])).toEqual([
      {
        controlId: 'A.6.1',
        changes: [
          { field: 'APPLICABILITY', before: 'not applicable', after: 'applicable' },
          { field: 'REASONS', before: null, after: 'CONTRACTUAL' },
        ],
      },
    ]);
    expect(diffSnapshots([entry('A.6.1')], [])).toEqual([]);
  });
});
