import { isPublicAddress } from '@iso27001/platform';
import { daysBetween, evaluateJsonAssertion, redactConfig } from '../collector.rules';

describe('collector rules', () => {
  const body = { status: 'ok', uptime: 99.2, checks: [{ name: 'db', ok: true }, { name: 'queue', ok: false }] };

  it('evaluates JSONPath assertions: every selected value must hold, and a path selecting nothing fails', () => {
    expect(evaluateJsonAssertion(body, { path: '$.status', operator: 'equals', expected: 'ok' })).toMatchObject({ passed: true, actual: ['ok'] });
    expect(evaluateJsonAssertion(body, { path: '$.uptime', operator: 'atLeast', expected: 99.9 })).toMatchObject({ passed: false, reason: '$.uptime should be at least 99.9 but is 99.2' });
    expect(evaluateJsonAssertion(body, { path: '$.uptime', operator: 'atMost', expected: 100 }).passed).toBe(true);
    expect(evaluateJsonAssertion(body, { path: '$.checks[*].ok', operator: 'equals', expected: true })).toMatchObject({ passed: false, reason: '$.checks[*].ok should be equal to true but is false (1 of 2 values)' });
    expect(evaluateJsonAssertion(body, { path: '$.checks[?(@.name === "db")].ok', operator: 'equals', expected: true }).passed).toBe(true);
    expect(evaluateJsonAssertion(body, { path: '$.missing', operator: 'exists' })).toMatchObject({ passed: false, reason: '$.missing selects nothing in the response' });
    expect(evaluateJsonAssertion(body, { path: '$.checks[0]', operator: 'equals', expected: { ok: true, name: 'db' } }).passed).toBe(true); // key order does not matter
    expect(evaluateJsonAssertion(body, { path: '$.status', operator: 'notEquals', expected: 'down' }).passed).toBe(true);
  });

  it('tells public addresses from private, loopback, link-local and mapped ones', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1', 'nonsense']) {
      expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: false });
    }
  });

  it('redacts header values and secret-looking settings, keeping their names', () => {
    expect(redactConfig({ url: 'https://x', headers: { authorization: 'Bearer t', accept: 'json' }, apiToken: 'abc', nested: { clientSecret: 's', keep: 1 } })).toEqual({
      url: 'https://x',
      headers: { authorization: '[redacted]', accept: '[redacted]' },
      apiToken: '[redacted]',
      nested: { clientSecret: '[redacted]', keep: 1 },
    });
  });

  it('lists the days of a period inclusively', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});
