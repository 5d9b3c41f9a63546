import { checklist, csvRow, PackEvidence, statusOf } from '../stage1-pack.rules';

const TODAY = '2026-12-02';
const item = (id: string, status: PackEvidence['status'], refs: string[], validUntil: string | null = null): PackEvidence => ({ id, status, refs, validUntil });

describe('Stage 1 checklist', () => {
  it('reads MISSING, DRAFT, ACCEPTED and EXPIRED from the evidence of an artefact', () => {
    expect(statusOf([], TODAY)).toBe('MISSING');
    expect(statusOf([item('a', 'COLLECTED', ['4.3'])], TODAY)).toBe('DRAFT');
    expect(statusOf([item('a', 'REJECTED', ['4.3'])], TODAY)).toBe('DRAFT');
    expect(statusOf([item('a', 'APPROVED', ['4.3'], TODAY)], TODAY)).toBe('ACCEPTED');
    // Accepted but past its validity (before the expiry job ran) and expired by the job read the same.
    expect(statusOf([item('a', 'APPROVED', ['4.3'], '2026-12-01')], TODAY)).toBe('EXPIRED');
    expect(statusOf([item('a', 'EXPIRED', ['4.3'], '2026-12-01')], TODAY)).toBe('EXPIRED');
    // One accepted item is enough; a draft beside an expired one is work in progress.
    expect(statusOf([item('a', 'EXPIRED', ['4.3']), item('b', 'APPROVED', ['4.3'])], TODAY)).toBe('ACCEPTED');
    expect(statusOf([item('a', 'EXPIRED', ['4.3']), item('b', 'COLLECTED', ['4.3'])], TODAY)).toBe('DRAFT');
  });

  it('maps evidence to the artefacts whose clauses or controls it serves', () => {
    const entries = checklist([item('scope', 'APPROVED', ['4.3']), item('policy', 'COLLECTED', ['A.5.1'])], ['A.5.1'], TODAY);
    const status = Object.fromEntries(entries.map((entry) => [entry.artefact.id, entry.status]));
    expect(entries).toHaveLength(17);
    expect(status).toMatchObject({ 'EV-01': 'ACCEPTED', 'EV-02': 'DRAFT', 'EV-03': 'MISSING', 'EV-17': 'DRAFT' });
  });

  it('accepts EV-17 only when every applicable control has accepted, valid evidence, with counts', () => {
    const applicable = ['A.5.1', 'A.8.24'];
    const one = checklist([item('p', 'APPROVED', ['A.5.1'])], applicable, TODAY).find((entry) => entry.artefact.id === 'EV-17');
    expect(one).toMatchObject({ status: 'DRAFT', controls: { applicable: 2, accepted: 1, draft: 0, expired: 0, missing: 1 } });
    const both = checklist([item('p', 'APPROVED', ['A.5.1']), item('k', 'APPROVED', ['A.8.24', 'A.5.7'])], applicable, TODAY).find((entry) => entry.artefact.id === 'EV-17');
    expect(both).toMatchObject({ status: 'ACCEPTED', controls: { applicable: 2, accepted: 2, missing: 0 } });
    const none = checklist([], applicable, TODAY).find((entry) => entry.artefact.id === 'EV-17');
    expect(none?.status).toBe('MISSING');
    const expired = checklist([item('p', 'EXPIRED', ['A.5.1'])], ['A.5.1'], TODAY).find((entry) => entry.artefact.id === 'EV-17');
    expect(expired?.status).toBe('EXPIRED');
  });

  it('writes CSV cells quoted and never as spreadsheet formulas', () => {
    expect(csvRow(['EV-01', 'ISMS scope', 'ACCEPTED', 1])).toBe('EV-01,ISMS scope,ACCEPTED,1\r\n');
    expect(csvRow(['a "quoted", title', '=HYPERLINK("x")'])).toBe('"a ""quoted"", title","\'=HYPERLINK(""x"")"\r\n');
  });
});
