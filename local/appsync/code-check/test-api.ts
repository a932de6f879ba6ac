import type { ApiConfig } from '../../stack-description.ts';
import type { IamCredentials } from '../auth/sigv4.ts';
import type { AppSyncServerOptions } from '../server.ts';

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

/**
 * Engine options for an API whose only data source is NONE: the DynamoDB endpoint is a closed port that is never
 * contacted. For tests that start an engine on {@link oneResolverApi}.
 */
export function noneOnlyServerOptions(api: ApiConfig, iamCredentials?: IamCredentials): AppSyncServerOptions {
  return {
    api,
    dynamodb: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' },
    region: 'us-east-1',
    ...(iamCredentials ? { iamCredentials } : {}),
  };
}
