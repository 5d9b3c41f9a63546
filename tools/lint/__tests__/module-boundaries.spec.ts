import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The nx tags are not decoration: lint refuses an import that crosses a boundary. */
describe('module boundaries', () => {
  const root = path.resolve(__dirname, '../../..');
  const out = mkdtempSync(path.join(tmpdir(), 'boundaries-'));

  // The rule reads nx's project graph and skips itself, with only a warning, when none is cached: make one.
  beforeAll(() => {
    execFileSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // The real ESLint CLI with the repository's config, on a file that is not written to disk.
  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const report = path.join(out, 'report.json');
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json', '--output-file', report],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    if (run.stdout.includes('No cached ProjectGraph')) throw new Error('the boundary rule was skipped: no nx project graph');
    if (run.status === 2) throw new Error(`eslint failed: ${run.stderr}`);
    const [result] = JSON.parse(readFileSync(report, 'utf8')) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'portal/no-cross-feature-imports').map((m) => m.message);
  }

  it('lets a service use the shared libraries', async () => {
    expect(await boundaryErrors('apps/isms-service/src/probe.ts', "import { Outbox } from '@iso27001/platform';\nexport const o = Outbox;\n")).toEqual([]);
  });

  it('refuses a service importing another service', async () => {
    const errors = await boundaryErrors('apps/isms-service/src/probe.ts', "import { configSchema } from '../../risk-service/src/config';\nexport const c = configSchema;\n");
    expect(errors).toHaveLength(1);
  });

  it('refuses a service importing the gateway', async () => {
    const errors = await boundaryErrors('apps/isms-service/src/probe.ts', "import { gatewayConfigSchema } from '../../gateway/src/config';\nexport const c = gatewayConfigSchema;\n");
    expect(errors).toHaveLength(1);
  });

  it('keeps the catalogue free of other libraries (type tags are checked)', async () => {
    const errors = await boundaryErrors('libs/iso27001/src/probe.ts', "import { Role } from '@iso27001/authz';\nexport const r = Role;\n");
    expect(errors.join("\n")).toMatch(/can only depend on libs tagged/);
  });

  it('lets services use the organisation replica, and keeps the replica on the platform (its tests may use the harness)', async () => {
    expect(await boundaryErrors('apps/training-service/src/probe.ts', "import { orgReplicaEntities } from '@iso27001/org-replica';\nexport const e = orgReplicaEntities;\n")).toEqual([]);
    const catalogue = await boundaryErrors('libs/org-replica/src/probe.ts', "import { CONTROL_TYPES } from '@iso27001/iso27001';\nexport const a = CONTROL_TYPES;\n");
    expect(catalogue.join('\n')).toMatch(/tagged with "type:replica" can only depend on libs tagged/);
    const harness = "import { startTestSubgraph } from '@iso27001/testing';\nexport const s = startTestSubgraph;\n";
    expect(await boundaryErrors('libs/org-replica/src/probe.ts', harness)).toHaveLength(1);
    expect(await boundaryErrors('libs/org-replica/test/probe.ts', harness)).toEqual([]);
  });

  it('keeps portal features apart: shared code and its own files are fine, another feature is not, at any depth', async () => {
    const probe = (from: string, source: string) => boundaryErrors(`apps/portal/src/features/${from}/probe.ts`, `import * as m from '${source}';\nexport const x = m;\n`);
    expect(await probe('risks', '../../components/page')).toEqual([]);
    expect(await probe('risks', './index')).toEqual([]);
    expect((await probe('risks', '../soa')).join('\n')).toMatch(/feature "risks" may not import the feature "soa"/);
    expect(await probe('risks/detail', '../../soa/index')).toHaveLength(1);
    expect(await boundaryErrors('apps/portal/src/app/probe.ts', "import * as m from '../features/soa';\nexport const x = m;\n")).toEqual([]);
  });
});
