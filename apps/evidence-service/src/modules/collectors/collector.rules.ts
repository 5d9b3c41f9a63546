import { JSONPath } from 'jsonpath-plus';

/** Pure helpers of the collectors module: dates of a run, and the HTTP collector's assertion. */

export function dayOfDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * 86_400_000);
}

export function daysAfter(date: Date, days: number): string {
  return dayOfDate(new Date(date.getTime() + days * 86_400_000));
}

/** Every day from `start` to `end` (inclusive), `YYYY-MM-DD`. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${start}T00:00:00Z`); at <= Date.parse(`${end}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export type AssertionOperator = 'equals' | 'notEquals' | 'exists' | 'atLeast' | 'atMost';

export interface JsonAssertion {
  path: string;
  operator: AssertionOperator;
  expected?: unknown;
}

/** Deterministic JSON for comparing values (object keys sorted). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Evaluates a JSONPath assertion over a response body. Every value the path selects must meet the operator, and a
 * path that selects nothing fails (so a typo in the path never passes silently).
 */
export function evaluateJsonAssertion(body: unknown, assertion: JsonAssertion): { passed: boolean; reason: string; actual: unknown[] } {
  const actual = JSONPath({ path: assertion.path, json: body as object, wrap: true, eval: 'safe' }) as unknown[];
  const shown = (value: unknown) => (stable(value).length > 120 ? `${stable(value).slice(0, 117)}...` : stable(value));
  if (actual.length === 0) return { passed: false, reason: `${assertion.path} selects nothing in the response`, actual };
  const expected = assertion.expected;
  const check = (value: unknown): boolean => {
    switch (assertion.operator) {
      case 'exists':
        return value !== undefined && value !== null;
      case 'equals':
        return stable(value) === stable(expected);
      case 'notEquals':
        return stable(value) !== stable(expected);
      case 'atLeast':
        return typeof value === 'number' && typeof expected === 'number' && value >= expected;
      case 'atMost':
        return typeof value === 'number' && typeof expected === 'number' && value <= expected;
      default:
        return false;
    }
  };
  const failing = actual.filter((value) => !check(value));
  const words: Record<AssertionOperator, string> = { exists: 'present', equals: 'equal to', notEquals: 'other than', atLeast: 'at least', atMost: 'at most' };
  const wanted = assertion.operator === 'exists' ? words.exists : `${words[assertion.operator]} ${shown(expected)}`;
  if (failing.length === 0) return { passed: true, reason: `${assertion.path} is ${wanted} (${actual.length === 1 ? shown(actual[0]) : `${actual.length} values`})`, actual };
  return { passed: false, reason: `${assertion.path} should be ${wanted} but is ${shown(failing[0])}${actual.length > 1 ? ` (${failing.length} of ${actual.length} values)` : ''}`, actual };
}

const SECRET_KEY = /^(headers|.*(secret|password|token|apikey|api_key|credential).*)$/i;
export const REDACTED = '[redacted]';

/** Settings as shown: header values and anything named like a secret are redacted (names kept). */
export function redactConfig(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.keys(value).map((name) => [name, REDACTED]));
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((entry) => redactConfig(entry));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, redactConfig(entry, name)]));
  return value;
}
