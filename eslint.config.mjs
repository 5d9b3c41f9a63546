import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import portalFeatures from './tools/lint/portal-features.mjs';

/** Who may import whom. A service never imports another service: only the shared libraries. */
const serviceLibs = ['type:platform', 'type:authz', 'type:contracts', 'type:catalogue', 'type:replica', 'type:testing', 'type:collector-kit'];
const services = ['isms', 'risk', 'controls', 'evidence', 'training', 'audit'];

export const depConstraints = [
  ...services.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: serviceLibs },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:authz', 'type:contracts', 'type:catalogue', 'type:testing'] },
  // The portal derives what each role may use from the same role groups the API enforces (@iso27001/authz/roles).
  { sourceTag: 'type:portal', onlyDependOnLibsWithTags: ['type:catalogue', 'type:authz'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:catalogue', onlyDependOnLibsWithTags: ['type:catalogue'] },
  { sourceTag: 'type:authz', onlyDependOnLibsWithTags: ['type:authz'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:authz', 'type:contracts'] },
  // The organisation replica (people and units from isms-service) is shared by services; it builds on the platform only.
  { sourceTag: 'type:replica', onlyDependOnLibsWithTags: ['type:replica', 'type:platform', 'type:authz', 'type:contracts'] },
  // The collector plugin interface: what a collector package builds against; it knows the ISO catalogue only.
  { sourceTag: 'type:collector-kit', onlyDependOnLibsWithTags: ['type:collector-kit', 'type:catalogue'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:authz', 'type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

/** A library's own integration tests run it inside a test subgraph, so they may use the test harness too. */
const libraryTestConstraints = depConstraints.map((c) =>
  c.sourceTag === 'type:replica' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c,
);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'apps/portal/src/gql/**', '.data/**', '.nx/**', 'infra/**', 'supergraph/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    // Type information, for the rules that need it (no-floating-promises): each file is checked in its own tsconfig.
    // tools/lint/__tests__ lints a floating-promise probe from stdin; it is on no disk, so no tsconfig lists it.
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['apps/*/src/floating-promise.probe.ts'], defaultProject: 'tools/lint/tsconfig.probe.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits fails silently (an event not sent, a write not made): await it, return it, or `void` it
      // with a .catch that reports the failure.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['apps/portal/src/**/*.ts', 'apps/portal/src/**/*.tsx'],
    plugins: { portal: portalFeatures, 'react-hooks': reactHooks },
    rules: { 'portal/no-cross-feature-imports': 'error', 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The module-boundary probes of tools/lint/__tests__ need no types; building a program for each would take seconds.
    files: ['**/probe.ts'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Developer tools and end-to-end suites compose the whole platform (the supergraph, the launcher), so they
    // may read apps' and tools' sources. Services still may not.
    files: ['tools/**/*.ts', 'apps/*-e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['../../apps/**', '../../../apps/**', '../../../tools/**', '../../../../tools/**', '../../gateway/src/**', ...services.map((s) => `../../${s}-service/src/**`)], depConstraints },
      ],
    },
  },
  {
    files: ['libs/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: libraryTestConstraints }] },
  },
];
