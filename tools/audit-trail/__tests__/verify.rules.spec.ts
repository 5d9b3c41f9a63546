import { renderReport } from '../verify.rules';

describe('the audit-trail:verify report', () => {
  const head = { seq: '3', hash: 'a'.repeat(64) };

  it('passes when every chain holds', () => {
    const { lines, exitCode } = renderReport([{ database: 'iso_risk', chains: [{ chain: 'org', rows: 3, head, broken: null }] }, { database: 'iso_isms', chains: [] }]);
    expect(exitCode).toBe(0);
    expect(lines).toEqual([`iso_risk chain org: ok, 3 rows checked, head 3 ${head.hash}`, 'iso_isms: no trail rows yet', 'audit trail: every chain holds']);
  });

  it('names the first broken row and fails with 1, or with 2 when a database could not be read', () => {
    const broken = renderReport([{ database: 'iso_risk', chains: [{ chain: 'org', rows: 3, head, broken: { seq: '2', reason: 'removed', detail: 'rows 2–2 are missing' } }] }]);
    expect(broken.exitCode).toBe(1);
    expect(broken.lines[0]).toBe('iso_risk chain org: BROKEN at seq 2 (removed): rows 2–2 are missing; 3 rows checked');
    expect(renderReport([{ database: 'iso_x', chains: [], error: 'the database does not exist' }]).exitCode).toBe(2);
  });
});
