import { createHash } from 'node:crypto';
import { DomainError } from '@iso27001/platform';
import { assertDatesInOrder, assertMapped, canonicalJson, coveredSpan, MAX_RECORD_BYTES, normaliseMappings, validLink } from '../evidence-item.rules';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'NOT_A_DOMAIN_ERROR';
  }
  return undefined;
}

describe('evidence rules', () => {
  it('sorts and de-duplicates mappings, and names every unknown control or clause', () => {
    expect(normaliseMappings(['A.8.5', 'A.5.18', 'A.8.5'], ['9.2.2', '7.2'])).toEqual({ controlIds: ['A.5.18', 'A.8.5'], clauses: ['7.2', '9.2.2'] });
    expect(() => normaliseMappings(['A.5.99', 'A.9.1'])).toThrow('A.5.99, A.9.1 are not controls of ISO/IEC 27001:2022 Annex A');
    expect(codeOf(() => normaliseMappings([], ['11.1']))).toBe('UNKNOWN_CLAUSE');
    expect(codeOf(() => assertMapped({ controlIds: [], clauses: [] }))).toBe('MAPPING_REQUIRED');
    expect(codeOf(() => assertMapped({ controlIds: [], clauses: ['7.2'] }))).toBeUndefined();
  });

  it('keeps dates in order, equal days allowed', () => {
    const ok = { effectiveDate: '2026-04-01', periodStart: '2026-01-01', periodEnd: '2026-01-01', validUntil: '2026-04-01' };
    expect(codeOf(() => assertDatesInOrder(ok))).toBeUndefined();
    expect(codeOf(() => assertDatesInOrder({ ...ok, periodEnd: '2025-12-31' }))).toBe('PERIOD_END_BEFORE_START');
    expect(codeOf(() => assertDatesInOrder({ ...ok, validUntil: '2026-03-31' }))).toBe('VALID_UNTIL_BEFORE_EFFECTIVE');
  });

  it('accepts https links only, without credentials', () => {
    expect(validLink(' https://wiki.example.com/a b ')).toBe('https://wiki.example.com/a%20b');
    for (const bad of ['http://wiki.example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@wiki.example.com/', 'wiki', `https://x.example/${'a'.repeat(2100)}`]) {
      expect({ bad, code: codeOf(() => validLink(bad)) }).toEqual({ bad, code: 'LINK_NOT_HTTPS' });
    }
  });

  it('puts records in canonical form whatever the key order and spacing, within the size limit', () => {
    const one = canonicalJson('{"b": [1, 2.50, "x"], "a": {"d": null, "c": true}}', 'payload', MAX_RECORD_BYTES);
    const two = canonicalJson('{"a":{"c":true,"d":null},"b":[1,2.5,"x"]}', 'payload', MAX_RECORD_BYTES);
    expect(one.canonical).toBe('{"a":{"c":true,"d":null},"b":[1,2.5,"x"]}');
    expect(createHash('sha256').update(one.canonical).digest('hex')).toBe(createHash('sha256').update(two.canonical).digest('hex'));
    expect(codeOf(() => canonicalJson('"just a string"', 'payload', MAX_RECORD_BYTES))).toBe('RECORD_INVALID_JSON');
    expect(codeOf(() => canonicalJson('{', 'payload', MAX_RECORD_BYTES))).toBe('RECORD_INVALID_JSON');
    const atLimit = JSON.stringify({ x: 'y'.repeat(MAX_RECORD_BYTES - 8) });
    expect(Buffer.byteLength(atLimit)).toBe(MAX_RECORD_BYTES);
    expect(codeOf(() => canonicalJson(atLimit, 'payload', MAX_RECORD_BYTES))).toBeUndefined();
    expect(codeOf(() => canonicalJson(JSON.stringify({ x: 'y'.repeat(MAX_RECORD_BYTES - 7) }), 'payload', MAX_RECORD_BYTES))).toBe('RECORD_TOO_LARGE');
  });

  it('covers its period, or the day it takes effect', () => {
    expect(coveredSpan({ effectiveDate: '2026-04-01', periodStart: '2026-01-01', periodEnd: '2026-03-31' })).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(coveredSpan({ effectiveDate: '2026-04-01', periodStart: null, periodEnd: null })).toEqual({ start: '2026-04-01', end: '2026-04-01' });
    expect(coveredSpan({ effectiveDate: '2026-04-01', periodStart: '2026-02-01', periodEnd: null })).toEqual({ start: '2026-02-01', end: '2026-02-01' });
  });
});
