import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

// The modules' tables only need defineErrors; loading them against this file keeps the rest of the platform out.
jest.mock('@iso27001/platform', () => jest.requireActual('../errors'));

const root = join(__dirname, '../../../../..');

type ErrorTable = ReturnType<typeof import('../errors').defineErrors<string>>;

function errorTables(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'test' ? [] : errorTables(path);
    return entry.name.endsWith('.errors.ts') ? [path] : [];
  });
}

describe('defineErrors', () => {
  beforeEach(() => jest.resetModules());

  it('refuses a code that another table already gave a different category', () => {
    const { defineErrors } = jest.requireActual<typeof import('../errors')>('../errors');
    defineErrors({ WIDGET_NOT_FOUND: 'NOT_FOUND' });
    defineErrors({ WIDGET_NOT_FOUND: 'NOT_FOUND', WIDGET_LOCKED: 'CONFLICT' });
    expect(() => defineErrors({ WIDGET_NOT_FOUND: 'BAD_USER_INPUT' })).toThrow(/WIDGET_NOT_FOUND is already defined as NOT_FOUND/);
  });

  it('gives every code of every service one category', () => {
    const services = readdirSync(join(root, 'apps')).filter((name) => name.endsWith('-service'));
    const tables = services.flatMap((name) => errorTables(join(root, 'apps', name, 'src')));
    expect(tables.length).toBeGreaterThan(15);
    const seen = new Map<string, { category: string; file: string }>();
    const conflicts: string[] = [];
    for (const file of tables) {
      const exported = jest.requireActual<Record<string, Partial<ErrorTable>>>(file);
      for (const { codes = [], raise } of Object.values(exported)) {
        if (!raise) continue;
        for (const code of codes) {
          const category = raise(code, '').category;
          const before = seen.get(code);
          if (before && before.category !== category) {
            conflicts.push(`${code}: ${before.category} in ${relative(root, before.file)}, ${category} in ${relative(root, file)}`);
          }
          seen.set(code, before ?? { category, file });
        }
      }
    }
    expect(conflicts).toEqual([]);
  });
});
