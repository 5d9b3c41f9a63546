import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types and typed documents for the portal's operations, generated from the committed API schema (composed from the
 * subgraphs by `npm run supergraph:compose`), never from a running server. `npm test` fails when src/gql is stale.
 */
const config: CodegenConfig = {
  schema: '../../supergraph/api-schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTimeISO: 'string', ID: 'string' },
        skipTypename: false,
        dedupeFragments: true,
      },
    },
  },
};

export default config;
