import { applyRiskLinks, orderReasons, sameState, SoaState, UNDECIDED, unlinkedJustification } from '../soa-entry.recompute';

const R1 = '11111111-1111-4111-8111-111111111111';
const R2 = '22222222-2222-4222-8222-222222222222';

describe('SoA recompute from risk links', () => {
  it('makes an undecided control applicable for risk treatment, naming the risks', () => {
    expect(applyRiskLinks(UNDECIDED, [R2, R1, R1])).toEqual({ applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [R1, R2], justification: null });
  });

  it('clears a justification for exclusion when a risk makes the control applicable', () => {
    const excluded: SoaState = { applicable: false, reasons: [], riskIds: [], justification: 'No cloud services in scope' };
    expect(applyRiskLinks(excluded, [R1])).toEqual({ applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [R1], justification: null });
  });

  it('keeps other reasons and their justification; RISK_TREATMENT joins them in catalogue order', () => {
    const legal: SoaState = { applicable: true, reasons: ['LEGAL'], riskIds: [], justification: 'GDPR Art. 32' };
    const linked = applyRiskLinks(legal, [R1]);
    expect(linked).toEqual({ applicable: true, reasons: ['RISK_TREATMENT', 'LEGAL'], riskIds: [R1], justification: 'GDPR Art. 32' });
    expect(applyRiskLinks(linked, [])).toEqual(legal);
  });

  it('stays applicable while another risk still links the control', () => {
    const both = applyRiskLinks(UNDECIDED, [R1, R2]);
    expect(applyRiskLinks(both, [R2])).toEqual({ applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [R2], justification: null });
  });

  it('makes the control not applicable when the last risk goes and no other reason remains', () => {
    const one = applyRiskLinks(UNDECIDED, [R1]);
    const after = applyRiskLinks(one, []);
    expect(after).toEqual({ applicable: false, reasons: [], riskIds: [], justification: `No longer required by risk treatment (risk ${R1} unlinked)` });
    expect(after.justification).toBe(unlinkedJustification([R1]));
  });

  it('leaves an undecided control untouched when nothing links it', () => {
    expect(sameState(applyRiskLinks(UNDECIDED, []), UNDECIDED)).toBe(true);
  });

  it('compares states regardless of risk order and orders reasons canonically', () => {
    expect(sameState({ ...UNDECIDED, riskIds: [R2, R1] }, { ...UNDECIDED, riskIds: [R1, R2] })).toBe(true);
    expect(sameState({ ...UNDECIDED, justification: 'a' }, UNDECIDED)).toBe(false);
    expect(orderReasons(['BUSINESS', 'RISK_TREATMENT', 'LEGAL', 'BUSINESS'])).toEqual(['RISK_TREATMENT', 'LEGAL', 'BUSINESS']);
  });
});
