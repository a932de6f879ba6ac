/**
 * EvaluateCode through `@aws-sdk/client-appsync`, against the local engine by default.
 *
 * The same file runs against AppSync's real EvaluateCode (not in CI; it needs AWS credentials):
 *   APPSYNC_EVALUATE_AGAINST_AWS=1 AWS_REGION=eu-west-1 AWS_PROFILE=… npx vitest run local/appsync/evaluate-code
 * Assertions stick to what both must agree on (results, error messages from our code, error types and lines).
 */
import { AppSyncClient, EvaluateCodeCommand, type EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceCode, DYNAMODB_CONFORMANCE } from '../runtime/fixtures/dynamodb-conformance.ts';
import { OPENSEARCH_QUERY_CONFORMANCE } from '../runtime/fixtures/opensearch-query-conformance.ts';
import { readFixture } from '../runtime/fixtures/read-fixture.ts';
import { helloCode, oneResolverApi } from '../code-check/test-api.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';

const AGAINST_AWS = process.env.APPSYNC_EVALUATE_AGAINST_AWS === '1';
const REGION = AGAINST_AWS ? (process.env.AWS_REGION ?? 'us-east-1') : 'eu-west-1';
const LOCAL_IAM = { accessKeyId: 'AKIDEVALUATECODE', secretAccessKey: 'evaluate-code-secret' };

let server: AppSyncServer | undefined;
let client: AppSyncClient;
/** Where the SDK sends requests (for the unsigned-request test). */
let endpoint: string;

beforeAll(async () => {
  if (AGAINST_AWS) {
    client = new AppSyncClient({ region: REGION });
    endpoint = `https://appsync.${REGION}.amazonaws.com`;
    return;
  }
  server = await startAppSyncServer({
    api: oneResolverApi(helloCode('unused')),
    // Never contacted: EvaluateCode has no data source.
    dynamodb: { endpoint: 'http://127.0.0.1:9', region: REGION },
    region: REGION,
    iamCredentials: LOCAL_IAM,
  });
  endpoint = server.origin;
  client = new AppSyncClient({ endpoint, region: REGION, credentials: LOCAL_IAM });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

function evaluate(code: string, fn: 'request' | 'response', context: Record<string, unknown>): Promise<EvaluateCodeCommandOutput> {
  return client.send(
    new EvaluateCodeCommand({
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code,
      context: JSON.stringify(context),
      function: fn,
    }),
  );
}

describe('EvaluateCode on small modules', () => {
  it('runs @aws-appsync/utils/dynamodb helpers and returns logs and stash', async () => {
    const code = `import { put } from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  console.log('putting', ctx.args.id);
  ctx.stash.seen = true;
  return put({ key: { id: ctx.args.id }, item: { name: ctx.args.name } });
}
export function response(ctx) { return ctx.result; }
`;
    const output = await evaluate(code, 'request', { arguments: { id: 'a1', name: 'Ada' } });
    expect(JSON.parse(output.evaluationResult ?? 'null')).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'a1' } },
      attributeValues: { name: { S: 'Ada' } },
    });
    expect(JSON.parse(output.stash ?? '{}')).toEqual({ seen: true });
    expect(output.logs?.some((line) => line.includes('putting a1'))).toBe(true);
  });

  it('evaluates the response handler with ctx.result', async () => {
    const code = `export function request() { return {}; }\nexport function response(ctx) { return { doubled: ctx.result.n * 2 }; }\n`;
    const output = await evaluate(code, 'response', { result: { n: 21 } });
    expect(JSON.parse(output.evaluationResult ?? 'null')).toEqual({ doubled: 42 });
  });

  it('answers code that breaks the APPSYNC_JS rules with codeErrors', async () => {
    const code = `export function request(ctx) {\n  try { return {}; } catch (e) { return {}; }\n}\nexport function response(ctx) { return ctx.result; }\n`;
    const output = await evaluate(code, 'request', {});
    expect(output.evaluationResult).toBeUndefined();
    expect(output.error?.codeErrors).toContainEqual(
      expect.objectContaining({ errorType: 'LINT_ERROR', location: expect.objectContaining({ line: 2 }) }),
    );
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${endpoint}/v1/dataplane-evaluatecode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code: helloCode('x'), context: '{}', function: 'request' }),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a request signed with other credentials', async () => {
    const stranger = new AppSyncClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'not-the-local-secret' },
    });
    try {
      await expect(
        stranger.send(
          new EvaluateCodeCommand({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code: helloCode('x'), context: '{}', function: 'request' }),
        ),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    } finally {
      stranger.destroy();
    }
  });
});

describe('decided conformance cases (runtime/fixtures/dynamodb-conformance.ts, opensearch-query-conformance.ts)', () => {
  it.each([...DYNAMODB_CONFORMANCE, ...OPENSEARCH_QUERY_CONFORMANCE].map((testCase) => [`${testCase.name} [${testCase.basis}]`, testCase] as const))('%s', async (_, testCase) => {
    const output = await evaluate(conformanceCode(testCase), 'request', {});
    expect(output.error).toBeUndefined();
    expect(JSON.parse(output.evaluationResult ?? 'null')).toEqual(testCase.expected);
  });
});

describe('EvaluateCode: globals and imports', () => {
  it('runs code that uses util, runtime and extensions without importing them', async () => {
    const output = await evaluate(readFixture('global-utils.js'), 'request', { arguments: { id: 'a1' } });
    expect(output.error).toBeUndefined();
    expect(JSON.parse(output.evaluationResult ?? 'null')).toEqual({ id: 'a1', empty: true, encoded: 'aGk=' });
  });

  it('refuses an unsupported import before running anything, with its line, and names no filesystem path', async () => {
    const output = await evaluate(readFixture('unsupported-import.js'), 'request', {});
    expect(output.evaluationResult).toBeUndefined();
    expect(output.error?.codeErrors).toContainEqual(expect.objectContaining({ location: expect.objectContaining({ line: 4 }) }));
    expect(JSON.stringify(output)).not.toMatch(/\/(home|work|tmp|Users)\//);
  });
});
