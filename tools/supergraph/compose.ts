/**
 * Composes the supergraph from the subgraphs' SDL with @apollo/composition and writes it under supergraph/.
 * It writes the API schema beside it (what clients may query), from which the portal generates its types.
 * `--check` writes nothing and fails when composition fails or the committed files are stale.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { subgraphSdl } from '@iso27001/platform';
import { SUBGRAPHS } from './subgraphs';

const root = path.resolve(__dirname, '../..');
const outDir = path.join(root, 'supergraph');

export async function compose(): Promise<{ supergraph: string; apiSchema: string; subgraphs: Record<string, string> }> {
  const subgraphs: Record<string, string> = {};
  for (const subgraph of SUBGRAPHS) subgraphs[subgraph.name] = await subgraphSdl(subgraph.definition);
  const result = composeServices(SUBGRAPHS.map(({ name, url }) => ({ name, url, typeDefs: parse(subgraphs[name]!) })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  // The schema clients see (no join/link machinery, no @inaccessible fields): the portal's code generator reads it.
  const apiSchema = `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n`;
  return { supergraph: result.supergraphSdl, apiSchema, subgraphs };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { supergraph, apiSchema, subgraphs } = await compose();
  const files: Record<string, string> = { 'supergraph.graphql': supergraph, 'api-schema.graphql': apiSchema };
  for (const [name, sdl] of Object.entries(subgraphs)) files[`subgraphs/${name}.graphql`] = sdl;
  const stale = Object.entries(files).filter(([file, content]) => {
    const target = path.join(outDir, file);
    return !existsSync(target) || readFileSync(target, 'utf8') !== content;
  });
  if (check) {
    if (stale.length > 0) {
      console.error(`supergraph is stale (${stale.map(([file]) => file).join(', ')}): run "npm run supergraph:compose" and commit the result`);
      process.exit(1);
    }
    console.log(`supergraph composes from ${SUBGRAPHS.length} subgraphs and matches the committed files`);
    return;
  }
  mkdirSync(path.join(outDir, 'subgraphs'), { recursive: true });
  for (const [file, content] of stale) writeFileSync(path.join(outDir, file), content);
  console.log(`supergraph composed from ${SUBGRAPHS.length} subgraphs; ${stale.length} file(s) updated`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
