import { z } from 'zod';
import { assertCollectedEvidence, assertEvidenceCollector, CollectorContractError, configJsonSchema, cronProblem, defineCollector, isCollectedDocument, nextOccurrence, parseCollectorConfig } from '..';

const good = defineCollector({
  id: 'acme.checks',
  title: 'Checks',
  version: '1.2.3',
  defaultSchedule: '0 6 * * *',
  configSchema: z.object({ target: z.string().url(), retries: z.number().int().min(0).default(1) }),
  controls: ['A.8.15'],
  clauses: ['9.1'],
  collect: async () => [],
});

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CollectorContractError) return error.problems;
    throw error;
  }
  throw new Error('expected a CollectorContractError');
}

describe('collector-kit', () => {
  it('accepts a collector that meets the interface and refuses each wrong field by name', () => {
    expect(assertEvidenceCollector(good, 'test')).toBe(good);
    const problems = problemsOf(() => assertEvidenceCollector({ ...good, id: 'Has Spaces', version: 'v1', defaultSchedule: 'daily', configSchema: {}, controls: ['A.9.9'], clauses: ['11.1'], collect: 1 }, 'pkg'));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['id', 'version', 'defaultSchedule', 'configSchema', 'controls', 'clauses', 'collect']);
    expect(problemsOf(() => assertEvidenceCollector({ ...good, controls: [], clauses: [] }, 'pkg'))).toEqual(['controls/clauses: at least one control or clause']);
    expect(problemsOf(() => assertEvidenceCollector(null, 'pkg'))).toEqual(['expected an object']);
  });

  it('validates configuration with the collector schema, naming the field, and applies defaults', () => {
    expect(parseCollectorConfig(good, { target: 'https://example.com' })).toEqual({ target: 'https://example.com', retries: 1 });
    const problems = problemsOf(() => parseCollectorConfig(good, { target: 'not a url', retries: -1 }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^target: /);
    expect(problems[1]).toMatch(/^retries: /);
  });

  it('exposes the configuration schema as JSON Schema', () => {
    expect(configJsonSchema(good)).toMatchObject({ type: 'object', properties: { target: { type: 'string', format: 'uri' }, retries: { type: 'integer', minimum: 0, default: 1 } }, required: ['target'] });
  });

  it('checks cron expressions and computes the next occurrence in UTC', () => {
    expect(cronProblem('0 6 * * *')).toBeNull();
    expect(cronProblem('every day')).toMatch(/5 fields/);
    expect(cronProblem('99 * * * *')).toMatch(/not a valid cron/);
    expect(nextOccurrence('0 6 * * *', new Date('2026-03-01T06:00:00Z')).toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(nextOccurrence('30 2 * * 1', new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-02T02:30:00.000Z'); // 2026-03-02 is a Monday
  });

  it('refuses malformed evidence from a run: keys twice, missing assertion reason, period ending before it starts', () => {
    const item = { title: 'x', payload: {}, assertion: { passed: true, reason: 'ok' }, period: { start: '2026-01-01', end: '2026-01-31' }, validUntil: '2026-02-28' };
    expect(assertCollectedEvidence('c', [item])).toHaveLength(1);
    const problems = problemsOf(() =>
      assertCollectedEvidence('c', [item, { ...item, assertion: { passed: true, reason: ' ' } }, { ...item, key: 'b', period: { start: '2026-02-01', end: '2026-01-01' }, validUntil: 'soon' }]),
    );
    expect(problems).toEqual([
      '[1].key: "default" returned twice',
      '[1].assertion: { passed: boolean, reason: non-empty string }',
      '[2].period: { start, end } as YYYY-MM-DD with end not before start',
      '[2].validUntil: YYYY-MM-DD',
    ]);
    expect(problemsOf(() => assertCollectedEvidence('c', 'nope'))).toEqual(['expected an array']);
  });

  it('accepts platform documents beside records, keyed by their name, and refuses a malformed name', () => {
    const outputs = assertCollectedEvidence('c', [{ document: 'statement-of-applicability' }, { document: 'policy-acknowledgements' }]);
    expect(outputs.map((output) => isCollectedDocument(output))).toEqual([true, true]);
    expect(problemsOf(() => assertCollectedEvidence('c', [{ document: 'soa' }, { document: 'soa' }, { document: '../etc' }]))).toEqual([
      '[1].key: "soa" returned twice',
      '[2].key: lower-case letters, digits, ., _ or -',
      '[2].document: a document name such as statement-of-applicability',
    ]);
  });
});
