import { ANNEX_A } from '../annex-a';
import { DEFAULT_EVIDENCE_REQUIREMENTS, defaultEvidenceRequirementsOf, EVIDENCE_FREQUENCIES } from '../evidence-requirements';

describe('default evidence requirements', () => {
  it('asks for at least one piece of evidence for every one of the 93 Annex A controls, and for no other control', () => {
    expect(ANNEX_A).toHaveLength(93);
    for (const control of ANNEX_A) expect(defaultEvidenceRequirementsOf(control.id).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(ANNEX_A.map((control) => control.id));
    expect(DEFAULT_EVIDENCE_REQUIREMENTS.filter((requirement) => !ids.has(requirement.controlId))).toEqual([]);
  });

  it('words each requirement on its own (no copied titles), with a stable unique key and a known frequency', () => {
    const titles = DEFAULT_EVIDENCE_REQUIREMENTS.map((requirement) => requirement.title);
    expect(new Set(titles).size).toBe(titles.length);
    const keys = DEFAULT_EVIDENCE_REQUIREMENTS.map((requirement) => requirement.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const requirement of DEFAULT_EVIDENCE_REQUIREMENTS) {
      expect(requirement.key.startsWith(`${requirement.controlId}-`)).toBe(true);
      expect(EVIDENCE_FREQUENCIES).toContain(requirement.frequency);
      expect(requirement.title.length).toBeGreaterThan(15);
    }
  });

  it('asks for the access control policy and quarterly access reviews under A.5.15', () => {
    expect(defaultEvidenceRequirementsOf('A.5.15').map(({ title, frequency }) => ({ title, frequency }))).toEqual([
      { title: 'Access control policy', frequency: 'YEARLY' },
      { title: 'Quarterly access review records: accounts reviewed, findings and the removals made', frequency: 'QUARTERLY' },
    ]);
  });
});
