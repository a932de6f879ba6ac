/**
 * An import of a module the runtime does not provide is refused with the code check, when the API loads (start and
 * reload) — never when a request runs — naming the resolver, its file and line; clients never see the file's path.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../runtime/fixtures/read-fixture.ts';
import { startAppSyncServer } from '../server.ts';
import { AppSyncCodeCheckError, checkApiCode } from './check-api-code.ts';
import { oneResolverApi } from './test-api.ts';

const IAM = { accessKeyId: 'AKIDIMPORTCHECK', secretAccessKey: 'import-check-secret' };
const CODE = readFixture('unsupported-import.js');

describe('checkApiCode and unsupported imports', () => {
  it('refuses the API, naming resolver, file, line and module', () => {
    const api = oneResolverApi(CODE, 'dist/resolvers/Query.hello.js');
    expect(() => checkApiCode(api)).toThrow(AppSyncCodeCheckError);
    expect(() => checkApiCode(api)).toThrow(
      'Resolver Query.hello (dist/resolvers/Query.hello.js:4:1): unsupported import "node:fs": APPSYNC_JS code may import only',
    );
  });

  it('accepts code using the globals util/runtime/extensions without importing them', () => {
    expect(() => checkApiCode(oneResolverApi(readFixture('global-utils.js')))).not.toThrow();
  });

  it('the engine refuses to start with such code (load time, not request time)', async () => {
    const start = startAppSyncServer({
      api: oneResolverApi(CODE, '/home/someone/cdk.out/asset.abc/Query.hello.js'),
      dynamodb: { endpoint: 'http://127.0.0.1:9', region: 'eu-west-1' },
      region: 'eu-west-1',
      iamCredentials: IAM,
    });
    await expect(start).rejects.toThrow(/Query\.hello\.js:4:1\): unsupported import "node:fs"/);
  });
});

describe('checkApiCode loads the code once', () => {
  it('refuses top-level code that throws at load, not at the first request', () => {
    const code = `const settings = JSON.parse('{}').missing.value;\nexport function request() { return { payload: settings }; }\nexport function response(ctx) { return ctx.result; }\n`;
    expect(() => checkApiCode(oneResolverApi(code, '/home/someone/cdk.out/asset.abc/Query.hello.js'))).toThrow(
      /Resolver Query\.hello \(\/home\/someone\/cdk\.out\/asset\.abc\/Query\.hello\.js\): Cannot load APPSYNC_JS module Query\.hello\.js: TypeError/,
    );
  });
});
