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
    // Typed document nodes for the web app's operations.
    'web/src/generated/': {
      documents: ['web/src/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
    },
  },
  hooks: {},
};

export default config;
