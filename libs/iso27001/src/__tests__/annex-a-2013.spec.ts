import { ANNEX_A, isAnnexAControlId, NEW_IN_2022 } from '../annex-a';
import { ANNEX_A_2013, isAnnexA2013ControlId, isNewIn2022, map2013To2022, MAPPING_2013_TO_2022, sources2013Of } from '../annex-a-2013';

describe('ISO/IEC 27001:2013 Annex A and the 2013 -> 2022 mapping', () => {
  it('lists the 114 controls of 2013 in 14 domains, without duplicates', () => {
    expect(ANNEX_A_2013).toHaveLength(114);
    expect(new Set(ANNEX_A_2013.map((control) => control.id)).size).toBe(114);
    const perDomain = ANNEX_A_2013.reduce<Record<string, number>>((counts, control) => {
      const domain = control.id.split('.')[1];
      return { ...counts, [domain]: (counts[domain] ?? 0) + 1 };
    }, {});
    expect(perDomain).toEqual({ 5: 2, 6: 7, 7: 6, 8: 10, 9: 14, 10: 2, 11: 15, 12: 14, 13: 7, 14: 13, 15: 5, 16: 7, 17: 4, 18: 8 });
    for (const control of ANNEX_A_2013) expect(control.id).toMatch(/^A\.(\d+)\.\d+\.\d+$/);
  });

  it('maps every 2013 control, once, to one or more valid 2022 controls', () => {
    expect(MAPPING_2013_TO_2022.map((row) => row.from)).toEqual(ANNEX_A_2013.map((control) => control.id));
    for (const row of MAPPING_2013_TO_2022) {
      expect(row.to.length).toBeGreaterThan(0);
      for (const target of row.to) expect(isAnnexAControlId(target)).toBe(true);
    }
  });

  it('gives every 2022 control a 2013 source unless it is one of the 11 new ones', () => {
    expect(NEW_IN_2022).toHaveLength(11);
    const withoutSource = ANNEX_A.filter((control) => sources2013Of(control.id)?.length === 0).map((control) => control.id);
    expect(withoutSource).toEqual([...NEW_IN_2022]);
    expect(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28'].every(isNewIn2022)).toBe(true);
    expect(isNewIn2022('A.8.8')).toBe(false);
  });

  it('maps the well-known moves', () => {
    expect(map2013To2022('A.12.6.1')).toEqual(['A.8.8']);
    expect(map2013To2022('A.9.4.2')).toEqual(['A.8.5']);
    expect(map2013To2022('A.18.2.3')).toEqual(['A.5.36', 'A.8.8']);
    expect(map2013To2022('A.6.2.1')).toEqual(['A.8.1']);
    expect(map2013To2022('A.10.1.2')).toEqual(['A.8.24']);
    expect(sources2013Of('A.8.8')).toEqual(['A.12.6.1', 'A.18.2.3']);
    expect(sources2013Of('A.5.17')).toEqual(['A.9.2.4', 'A.9.3.1', 'A.9.4.3']);
    expect(sources2013Of('A.7.10')).toEqual(['A.8.3.1', 'A.8.3.2', 'A.8.3.3', 'A.11.2.5']);
    expect(sources2013Of('A.8.32')).toEqual(['A.12.1.2', 'A.14.2.2', 'A.14.2.3', 'A.14.2.4']);
  });

  it('accepts ids with or without the A. prefix and says when an id is unknown', () => {
    expect(map2013To2022('12.6.1')).toEqual(['A.8.8']);
    expect(sources2013Of('8.5')).toEqual(['A.9.4.2']);
    expect(isAnnexA2013ControlId('A.14.2.1')).toBe(true);
    expect(map2013To2022('A.5.1')).toBeUndefined();
    expect(map2013To2022('A.19.1.1')).toBeUndefined();
    expect(sources2013Of('A.8.35')).toBeUndefined();
    expect(sources2013Of('A.12.6.1')).toBeUndefined();
  });

  it('has reverse lookups consistent with the forward table', () => {
    const pairs = MAPPING_2013_TO_2022.flatMap((row) => row.to.map((to) => `${row.from}->${to}`)).sort();
    const reverse = ANNEX_A.flatMap((control) => (sources2013Of(control.id) ?? []).map((from) => `${from}->${control.id}`)).sort();
    expect(reverse).toEqual(pairs);
  });
});
