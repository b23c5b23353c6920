// Lint: ESLint's and typescript-eslint's recommended rules; types are checked by `tsc --noEmit` (npm run lint runs both).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---- The house's boundaries (README, "Architecture") ----
// Domain modules: each owns its tables. Another module's entities and repositories are not imported (its services
// are its public API); entity files may relate to other entities, and read models (`*.read-model.ts`) may read
// several modules' tables in one statement.
const MODULES = [
  'audit',
  'auth',
  'certification',
  'dashboard',
  'education',
  'institutions',
  'planning',
  'regions',
  'targets',
  'timebank',
  'training',
  'workforce',
];
const OWN_ONLY = [
  '../*/**/*.entity.js',
  '../*/**/*.entities.js',
  '../*/**/*.repository.js',
  '../../*/**/*.entity.js',
  '../../*/**/*.entities.js',
  '../../*/**/*.repository.js',
];
const boundary = (module) => ({
  group: OWN_ONLY,
  message: `${module}: another module's tables are reached through its services (or a named read model), not its entities or repositories.`,
});
// SQL text and the database handle live in repositories, read models, the counting-rules fragments, src/database
// (data source, unit of work, command line, demo data) and migrations; services hold the rules.
const SQL_HOME = 'SQL lives in repositories (*.repository.ts) and read models (*.read-model.ts); call one instead.';
const NO_DATABASE_HANDLE = [
  { name: 'typeorm', allowTypeImports: true, message: SQL_HOME },
  { name: '@nestjs/typeorm', message: SQL_HOME },
];
const NO_SQL_CALLS = [
  {
    selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|transaction)$/]',
    message: SQL_HOME,
  },
  { selector: 'CallExpression[callee.object.name=/^(em|tx|manager|dataSource)$/]', message: SQL_HOME },
  { selector: 'CallExpression[callee.object.property.name=/^(dataSource|manager)$/]', message: SQL_HOME },
];
const NOT_DOMAIN_CODE = ['**/*.entity.ts', '**/*.entities.ts', '**/*.read-model.ts', '**/*.spec.ts'];
const houseRules = MODULES.flatMap((module) => [
  {
    files: [`src/${module}/**/*.ts`],
    ignores: [...NOT_DOMAIN_CODE, '**/*.repository.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: NO_DATABASE_HANDLE, patterns: [boundary(module)] },
      ],
      'no-restricted-syntax': ['error', ...NO_SQL_CALLS],
    },
  },
  {
    files: [`src/${module}/**/*.repository.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [boundary(module)] }] },
  },
]);

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'coverage/',
      'tmp-data/',
      'tmp-pages-results/',
      'web/src/**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly' },
    },
  },
  ...houseRules,
  // common/ is below every module: it imports none of them, and runs no SQL of its own.
  {
    files: ['src/common/**/*.ts'],
    ignores: ['**/*.spec.ts', 'src/common/counting-rules.ts', 'src/common/pagination.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: MODULES.map((m) => `../${m}/*`).concat(MODULES.map((m) => `../../${m}/*`)),
              message: 'common/ is below the modules and imports none of them.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...NO_SQL_CALLS],
    },
  },
  // The pages: React's rules of hooks.
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  { files: ['web/e2e/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
