import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS } from '../supergraph/subgraphs';
import { permissionEntries, renderPermissionMatrix } from './permission-matrix';

/** Writes docs/permissions.md from the code; `--check` fails when the file is not what the code says. */
const target = path.resolve(__dirname, '../../docs/permissions.md');
const rendered = renderPermissionMatrix(permissionEntries(SUBGRAPHS));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== rendered) {
    console.error('docs/permissions.md is stale: run "npm run permissions" and commit the result');
    process.exit(1);
  }
  console.log('docs/permissions.md is current');
} else {
  writeFileSync(target, rendered);
  console.log(`docs/permissions.md written (${rendered.split('\n').filter((line) => line.startsWith('| `')).length} operations and fields)`);
}
