import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The nx tags are not decoration: lint refuses an import that crosses a boundary. */
describe('module boundaries', () => {
  const root = path.resolve(__dirname, '../../..');

  // The real ESLint CLI with the repository's config, on a file that is not written to disk.
  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    if (!run.stdout) throw new Error(`eslint failed: ${run.stderr}`);
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
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
});
