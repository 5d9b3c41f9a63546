import { daysBetween, formatBytes, freshnessOf, noteOf, notePayload, validityPhrase } from '../evidence.format';

describe('freshnessOf', () => {
  const today = '2026-12-02';

  it('reads accepted evidence past its last valid day as expired before the expiry job marks it', () => {
    expect(freshnessOf({ status: 'APPROVED', validUntil: '2026-12-01' }, today)).toBe('EXPIRED');
  });

  it('keeps the last valid day itself fresh, and counts it as expiring soon', () => {
    expect(freshnessOf({ status: 'APPROVED', validUntil: today }, today)).toBe('EXPIRING');
  });

  it('says expiring soon up to the window and valid beyond it', () => {
    expect(freshnessOf({ status: 'APPROVED', validUntil: '2027-01-01' }, today)).toBe('EXPIRING');
    expect(freshnessOf({ status: 'APPROVED', validUntil: '2027-01-02' }, today)).toBe('VALID');
    expect(freshnessOf({ status: 'APPROVED', validUntil: '2026-12-09' }, today, 7)).toBe('EXPIRING');
    expect(freshnessOf({ status: 'APPROVED', validUntil: '2026-12-10' }, today, 7)).toBe('VALID');
  });

  it('trusts the EXPIRED status even when the date would still be valid', () => {
    expect(freshnessOf({ status: 'EXPIRED', validUntil: '2027-06-01' }, today)).toBe('EXPIRED');
    expect(freshnessOf({ status: 'EXPIRED', validUntil: null }, today)).toBe('EXPIRED');
  });

  it('never calls evidence without an end date stale by date', () => {
    expect(freshnessOf({ status: 'APPROVED', validUntil: null }, today)).toBe('OPEN_ENDED');
  });
});

describe('validityPhrase and daysBetween', () => {
  it('counts whole UTC days across a month end', () => {
    expect(daysBetween('2026-11-30', '2026-12-02')).toBe(2);
    expect(daysBetween('2026-12-02', '2026-11-30')).toBe(-2);
  });

  it('says the validity in words', () => {
    expect(validityPhrase('2026-12-02', '2026-12-02')).toBe('ends today');
    expect(validityPhrase('2026-12-03', '2026-12-02')).toBe('ends tomorrow');
    expect(validityPhrase('2026-12-12', '2026-12-02')).toBe('in 10 days');
    expect(validityPhrase('2026-12-01', '2026-12-02')).toBe('ended yesterday');
    expect(validityPhrase('2026-11-22', '2026-12-02')).toBe('ended 10 days ago');
    expect(validityPhrase(null, '2026-12-02')).toBe('no end date');
  });
});

describe('notes as records', () => {
  it('round-trips a note through its JSON payload, trimmed', () => {
    expect(noteOf(notePayload('  Checked the backup logs.  '))).toBe('Checked the backup logs.');
  });

  it('does not read a collector record as a note', () => {
    expect(noteOf('{"note":"x","passed":true}')).toBeNull();
    expect(noteOf('["note"]')).toBeNull();
    expect(noteOf('not json')).toBeNull();
    expect(noteOf(null)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('writes sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(-1)).toBe('—');
  });
});
