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
  transform: { '^.+\\.tsx?$': swc },
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  modulePathIgnorePatterns: ['<rootDir>/apps/portal/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/__tests__/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/test/**/*.integration-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-timeout.ts'],
    },
  ],
};
