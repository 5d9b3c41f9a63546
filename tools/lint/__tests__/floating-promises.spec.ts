import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A promise nobody awaits fails silently; lint refuses one, so the rule is really on and has its type information. */
describe('floating promises', () => {
  const root = path.resolve(__dirname, '../../..');
  const out = mkdtempSync(path.join(tmpdir(), 'floating-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** Lines the rule reports, from the real ESLint CLI with the repository's config on a file that is not on disk. */
  function floatingPromiseLines(filePath: string, code: string): number[] {
    const report = path.join(out, 'report.json');
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json', '--output-file', report],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    if (run.status === 2) throw new Error(`eslint failed: ${run.stderr}`);
    const [result] = JSON.parse(readFileSync(report, 'utf8')) as { messages: { ruleId: string | null; message: string; line: number; fatal?: boolean }[] }[];
    const fatal = (result?.messages ?? []).find((m) => m.fatal);
    if (fatal) throw new Error(`eslint could not check the probe: ${fatal.message}`);
    return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-floating-promises').map((m) => m.line);
  }

  it('refuses a dropped promise and accepts an awaited, returned or explicitly ignored one', () => {
    const code = [
      'async function send(): Promise<void> {',
      '  await Promise.resolve();',
      '}',
      'export function dropped(): void {',
      '  send();', // line 5
      '}',
      'export async function awaited(): Promise<void> {',
      '  await send();',
      '}',
      'export function returned(): Promise<void> {',
      '  return send();',
      '}',
      'export function ignored(): void {',
      '  void send().catch(() => undefined);',
      '}',
      '',
    ].join('\n');
    expect(floatingPromiseLines('apps/risk-service/src/floating-promise.probe.ts', code)).toEqual([5]);
  });
});
