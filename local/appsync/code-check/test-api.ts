import type { ApiConfig } from '../../config.ts';

/** A one-field API on a NONE data source whose resolver code is `code` (for code-check, explorer and reload tests). */
export function oneResolverApi(code: string, codePath = 'dist/resolvers/Query.hello.js'): ApiConfig {
  return {
    logicalId: 'Api',
    name: 'code-check-test',
    schema: 'type Query { hello: String }',
    defaultAuth: 'API_KEY',
    additionalAuth: [],
    apiKeys: [{ logicalId: 'Key', id: 'da2-codechecktest00000000000000' }],
    environmentVariables: {},
    dataSources: { none: { name: 'none', type: 'NONE' } },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'hello',
        kind: 'UNIT',
        dataSource: 'none',
        code,
        codePath,
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      },
    ],
    functions: {},
  };
}

/** Resolver code that answers `hello` with `value`. */
export function helloCode(value: string): string {
  return `export function request() { return { payload: ${JSON.stringify(value)} }; }
export function response(ctx) { return ctx.result; }
`;
}
