import { ANNEX_A, annexAControl, isAnnexAControlId } from '../annex-a';

describe('Annex A catalogue', () => {
  it('has the 93 controls of ISO/IEC 27001:2022 in four themes', () => {
    expect(ANNEX_A).toHaveLength(93);
    const perTheme = ANNEX_A.reduce<Record<string, number>>((counts, c) => ({ ...counts, [c.theme]: (counts[c.theme] ?? 0) + 1 }), {});
    expect(perTheme).toEqual({ ORGANIZATIONAL: 37, PEOPLE: 8, PHYSICAL: 14, TECHNOLOGICAL: 34 });
  });

  it('numbers controls without gaps or duplicates', () => {
    expect(new Set(ANNEX_A.map((c) => c.id)).size).toBe(93);
    expect(annexAControl('A.5.37')?.title).toBe('Documented operating procedures');
    expect(annexAControl('A.8.34')?.theme).toBe('TECHNOLOGICAL');
    expect(isAnnexAControlId('A.5.38')).toBe(false);
    expect(isAnnexAControlId('A.14.2.1')).toBe(false);
  });
});
