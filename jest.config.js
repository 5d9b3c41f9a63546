// One way to run tests: unit specs next to the code, integration specs against real PostgreSQL and Kafka.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  // oidc-provider (the gateway's embedded OpenID provider) and its jose, and pg-boss (the job store) with its
  // serialize-error and non-error, and file-type (upload type detection) with its tokenizers, are ES modules only:
  // compiled like our code.
  transform: { '^.+\\.tsx?$': swc, '/node_modules/(oidc-provider|pg-boss|serialize-error|non-error|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/.+\\.js$': swc },
  transformIgnorePatterns: ['^(?!.*/node_modules/(oidc-provider|pg-boss|serialize-error|non-error|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/).*/node_modules/'],
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  modulePathIgnorePatterns: ['<rootDir>/apps/portal/'],
};

/**
 * The portal's pure logic (rules, builders, error wording) is unit-tested here too; its screens are tested in Chromium
 * (apps/portal-e2e). Vite's import.meta.env lives only in lib/gateway.ts, which specs replace with a fixed address.
 */
const portalSwc = ['@swc/jest', { ...swc[1], jsc: { ...swc[1].jsc, parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];
const portal = {
  displayName: 'portal',
  transform: { '^.+\\.tsx?$': portalSwc },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/portal/src'],
  testMatch: ['**/__tests__/**/*.spec.ts'],
  moduleNameMapper: { '^(\\.{1,2}/)+(lib/)?gateway$': '<rootDir>/apps/portal/src/lib/__tests__/gateway.fixture.ts' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/__tests__/**/*.spec.ts'] },
    portal,
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/test/**/*.integration-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-timeout.ts'],
    },
  ],
};
