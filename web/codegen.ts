// Types for every operation the pages send, generated from the committed schema.gql: `npm run codegen` writes
// them beside each .graphql file; `npm run codegen:check` (CI) fails when they are out of date.
import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = {
  Date: 'string',
  DateTime: 'string',
  Money: 'string',
  JSON: 'unknown',
};

const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: 'web/src/**/*.graphql',
  generates: {
    'web/src/api/schema.generated.ts': {
      plugins: ['typescript'],
      config: { scalars, enumsAsTypes: true, onlyOperationTypes: true, useTypeImports: true },
    },
    'web/src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'api/schema.generated.ts' },
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { scalars, enumType: 'string-literal', useTypeImports: true, dedupeFragments: true },
    },
  },
};

export default config;
