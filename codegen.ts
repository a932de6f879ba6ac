import type { CodegenConfig } from '@graphql-codegen/cli';

// AppSync's scalars as TypeScript sees them on the wire: all are strings except AWSTimestamp.
const scalars = {
  AWSDate: 'string',
  AWSTime: 'string',
  AWSDateTime: 'string',
  AWSTimestamp: 'number',
  AWSEmail: 'string',
  AWSJSON: 'string',
  AWSURL: 'string',
  AWSPhone: 'string',
  AWSIPAddress: 'string',
};

const config: CodegenConfig = {
  schema: ['schema.graphql', 'local/appsync/builtins.graphql'],
  generates: {
    // Argument and result types for the APPSYNC_JS resolvers.
    'resolvers/generated/schema.ts': {
      plugins: ['typescript'],
      config: { scalars, enumsAsTypes: true, avoidOptionals: { field: true }, useTypeImports: true },
    },
    // Typed document nodes for the clients' operations (infra/documents/*.graphql), one set for the web app, the
    // tests and the benchmarks, shipped with the construct package for adopters' clients.
    'infra/documents/generated/': {
      documents: ['infra/documents/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
    },
  },
  hooks: {},
};

export default config;
