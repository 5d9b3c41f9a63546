import { AuditTrailContent, AuditTrailRow, GENESIS_HASH, jsonSnapshot, boundedSnapshot, MAX_SNAPSHOT_CHARS, trailHash, verifyChain } from '../audit-trail.rules';
import { commonUnit } from '../audit-trail.units';

function chain(length: number): AuditTrailRow[] {
  const rows: AuditTrailRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const content: AuditTrailContent = {
      chain: 'org-1',
      seq: String(i),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      requestId: `request-${i}`,
      operation: 'updateRisk',
      action: i % 2 ? 'MUTATION' : 'UPDATE',
      actor: 'user-1',
      actorEmail: 'user@example.test',
      actorRoles: ['risk_owner'],
      engagementId: null,
      recordType: i % 2 ? null : 'risk',
      recordId: i % 2 ? null : `risk-${i}`,
      before: i % 2 ? null : { title: 'old', score: 3 },
      after: { title: 'new', score: 4, nested: { b: 1, a: [1, 2] } },
    };
    const hash = trailHash(content, prevHash);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

function at(rows: AuditTrailRow[], index: number): AuditTrailRow {
  const row = rows.at(index);
  if (!row) throw new Error(`no row ${index}`);
  return row;
}

const headOf = (rows: AuditTrailRow[]) => ({ seq: at(rows, -1).seq, hash: at(rows, -1).hash });

function reseq(rows: AuditTrailRow[], from: number, delta: number): AuditTrailRow[] {
  return rows.map((row) => (Number(row.seq) >= from ? { ...row, seq: String(Number(row.seq) + delta) } : row));
}

describe('the audit trail hash chain', () => {
  it('holds for a chain as written, whatever order jsonb gives keys back in', () => {
    const rows = chain(6);
    expect(verifyChain(rows, headOf(rows))).toBeNull();
    const reordered = rows.map((row) => ({ ...row, after: JSON.parse(JSON.stringify({ nested: { a: [1, 2], b: 1 }, score: 4, title: 'new' })) }));
    expect(verifyChain(reordered, headOf(rows))).toBeNull();
  });

  it('finds an edited row', () => {
    const rows = chain(6);
    rows[2] = { ...at(rows, 2), actor: 'someone-else' };
    expect(verifyChain(rows, headOf(rows))).toMatchObject({ seq: '3', reason: 'edited' });
  });

  it('finds a removed row, in the middle or at the tail, renumbered or not', () => {
    const rows = chain(6);
    const head = headOf(rows);
    expect(verifyChain([...rows.slice(0, 3), ...rows.slice(4)], head)).toMatchObject({ seq: '4', reason: 'removed' });
    expect(verifyChain(rows.slice(0, 5), head)).toMatchObject({ seq: '6', reason: 'removed' });
    expect(verifyChain([...rows.slice(0, 3), ...reseq(rows.slice(4), 5, -1)], { ...head, seq: '5' })).toMatchObject({ seq: '4', reason: 'removed' });
  });

  it('finds an inserted row: beyond the head, linked wrongly, or with the rows after it shifted', () => {
    const rows = chain(6);
    const head = headOf(rows);
    const forged = (seq: number, prevHash: string): AuditTrailRow => {
      const content: AuditTrailContent = { ...at(rows, 0), seq: String(seq), actor: 'intruder' };
      delete (content as Partial<AuditTrailRow>).hash;
      delete (content as Partial<AuditTrailRow>).prevHash;
      return { ...content, prevHash, hash: trailHash(content, prevHash) };
    };
    expect(verifyChain([...rows, forged(7, head.hash)], head)).toMatchObject({ seq: '7', reason: 'inserted' });
    expect(verifyChain([...rows.slice(0, 3), forged(4, 'f'.repeat(64)), ...rows.slice(4)], head)).toMatchObject({ seq: '4', reason: 'inserted' });
    const shifted = [...rows.slice(0, 3), forged(4, at(rows, 2).hash), ...reseq(rows.slice(3), 4, 1)];
    expect(verifyChain(shifted, { ...head, seq: '7' })).toMatchObject({ seq: '4', reason: 'inserted' });
    expect(verifyChain(rows, null)).toMatchObject({ reason: 'inserted' });
  });

  it('finds a head that was moved', () => {
    const rows = chain(3);
    expect(verifyChain(rows, { seq: '3', hash: at(rows, 1).hash })).toMatchObject({ seq: '3', reason: 'edited' });
  });
});

describe('snapshots of records', () => {
  it('keep what jsonb gives back: dates as ISO, bytes as a digest, no undefined or NUL', () => {
    const snapshot = jsonSnapshot({ at: new Date('2026-01-02T03:04:05.678Z'), file: Buffer.from('abc'), gone: undefined, text: 'a\u0000b', n: 1n });
    expect(snapshot).toEqual({ at: '2026-01-02T03:04:05.678Z', file: { bytes: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, text: 'a\uFFFDb', n: '1' });
  });

  it('keep a value too large as its length and digest', () => {
    expect(boundedSnapshot('x'.repeat(MAX_SNAPSHOT_CHARS))).toMatchObject({ truncated: true, chars: MAX_SNAPSHOT_CHARS + 2 });
    expect(boundedSnapshot('short')).toBe('short');
  });
});

describe("a row's unit in the hash", () => {
  const base = at(chain(2), 1);
  const { prevHash, hash: _hash, ...content } = base;

  it('leaves a row without a unit hashing as rows did before units were stored', () => {
    const legacy = trailHash(content, prevHash);
    expect(trailHash({ ...content, unitId: null }, prevHash)).toBe(legacy);
    expect(trailHash({ ...content, unitId: undefined }, prevHash)).toBe(legacy);
  });

  it('covers a unit when the row has one: setting, changing or removing it breaks the row', () => {
    const unitId = '6f1c2e0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
    const row: AuditTrailRow = { ...content, unitId, prevHash, hash: trailHash({ ...content, unitId }, prevHash) };
    expect(row.hash).not.toBe(trailHash(content, prevHash));
    expect(verifyChain([at(chain(2), 0), row], { seq: row.seq, hash: row.hash })).toBeNull();
    for (const tampered of [{ ...row, unitId: null }, { ...row, unitId: '00000000-0000-4000-8000-000000000000' }]) {
      expect(verifyChain([at(chain(2), 0), tampered], { seq: row.seq, hash: row.hash })).toMatchObject({ seq: '2', reason: 'edited' });
    }
  });
});

describe('the unit of a MUTATION row', () => {
  it('is the one unit its records share, or none', () => {
    expect(commonUnit(['a', 'a'])).toBe('a');
    expect(commonUnit(['a', 'b'])).toBeNull();
    expect(commonUnit(['a', null])).toBeNull();
    expect(commonUnit([])).toBeNull();
  });
});
