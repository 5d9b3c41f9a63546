import { enumLabel, formatDate, formatDateTime, formatPercent, todayIso } from '../format';

describe('formatDate', () => {
  it('reads a date-only value as that calendar day, whatever the browser time zone', () => {
    expect(formatDate('2026-12-01')).toBe('1 Dec 2026');
    expect(formatDate('2026-01-31')).toBe('31 Jan 2026');
  });

  it('gives the UTC day of a timestamp', () => {
    expect(formatDate('2026-12-01T23:30:00-02:00')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-01T00:30:00+01:00')).toBe('30 Nov 2026');
  });

  it('shows a dash for no value and leaves a value it cannot read as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('next week')).toBe('next week');
  });
});

describe('formatDateTime', () => {
  it('gives the time in UTC on a 24-hour clock and says so; a dash for none, an unreadable value as it is', () => {
    expect(formatDateTime('2026-12-01T23:30:00+01:00')).toBe('1 Dec 2026, 22:30 UTC');
    expect(formatDateTime('2026-07-04T09:05:00Z')).toBe('4 Jul 2026, 09:05 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatPercent and enumLabel', () => {
  it('writes a ratio as a percentage, with the digits asked for, and a dash when there is none', () => {
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0.1234, 1)).toBe('12.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('writes enum values as words', () => {
    expect(enumLabel('MODIFY')).toBe('Modify');
    expect(enumLabel('NOT_IN_PLACE')).toBe('Not in place');
    expect(enumLabel(null)).toBe('—');
    expect(enumLabel('')).toBe('—');
  });
});

describe('todayIso', () => {
  afterEach(() => jest.useRealTimers());

  it('is the UTC calendar day in the API format', () => {
    jest.useFakeTimers({ now: new Date('2026-03-31T23:59:59-05:00') });
    expect(todayIso()).toBe('2026-04-01');
  });
});
