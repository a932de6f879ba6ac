import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiConfig, ResolverConfig } from '../stack-description.ts';
import { assumedRolePrincipal, roleIdOf } from '../iam-principals.ts';
import type { DynamoDbLocalEndpoint } from '../services/dynamodb-local.ts';
import { testDynamoDbLocal } from '../test-support/dynamodb-local.ts';
import { signGraphqlRequest, withoutHost } from '../test-support/sign-graphql.ts';
import { IamCredentialStore } from './auth/credential-store.ts';
import type { IamCredentials } from './auth/sigv4.ts';
import { startAppSyncServer, type AppSyncServer } from './server.ts';
import { SETTLE_PATH } from '../endpoints.ts';
import { createDynamoDbJsonClient } from './data-sources/dynamodb/dynamodb-json-client.ts';
import { createTables } from '../services/tables.ts';

const REGION = 'eu-west-1';
const TABLE = 'engine-test';
const API_KEY = 'da2-testkey0000000000000000000';
const EXPIRED_KEY = 'da2-expired000000000000000000';
const IAM = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret-key' };
/** A function's credentials: a session of its execution role. */
const FUNCTION_IAM = { accessKeyId: 'ASIAFUNCTIONTEST', secretAccessKey: 'function-secret-key' };
const FUNCTION_ROLE_ARN = 'arn:aws:iam::000000000000:role/EngineTest-PublisherRole';
const principals = new IamCredentialStore();
const runtime = { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' };

const schema = /* GraphQL */ `
  type Query {
    getItem(pk: ID!): Item
    pipelineEcho(value: String!): Echo
    early(value: String!): Echo
    unitEarly: Echo
    fail: Item
    appended: String
    secret: String @aws_iam
    whoAmI: AWSJSON @aws_api_key @aws_iam
    headerEcho: String
    withHeaders: String
    nested: Parent
  }
  type Mutation {
    putItem(pk: ID!, name: String!): Item
    putOnce(pk: ID!, name: String!): Item
    transfer(a: ID!, b: ID!): TransferResult
    register(email: AWSEmail!): String
  }
  type Item { pk: ID! name: String count: Int }
  type Echo { value: String stash: String steps: [String] }
  type Parent { child: Child }
  type Child { grandchild: Grandchild }
  type Grandchild { value: String }
  type TransferResult { keys: AWSJSON reasons: AWSJSON errorType: String }
`;

const passThroughResponse = `export function response(ctx) { return ctx.result; }`;

function unit(typeName: string, fieldName: string, dataSource: string, code: string): ResolverConfig {
  return { typeName, fieldName, kind: 'UNIT', dataSource, code, runtime };
}

function pipeline(typeName: string, fieldName: string, functions: string[], code: string): ResolverConfig {
  return { typeName, fieldName, kind: 'PIPELINE', pipeline: functions, code, runtime };
}

function buildApi(): ApiConfig {
  return {
    logicalId: 'Api',
    name: 'engine-test',
    schema,
    defaultAuth: 'API_KEY',
    additionalAuth: ['AWS_IAM'],
    apiKeys: [
      { logicalId: 'Key', id: API_KEY, expires: Math.floor(Date.now() / 1000) + 3600 },
      { logicalId: 'Old', id: EXPIRED_KEY, expires: Math.floor(Date.now() / 1000) - 10 },
    ],
    environmentVariables: { TABLE_NAME: TABLE },
    queryDepthLimit: 3,
    dataSources: { table: { name: 'table', type: 'AMAZON_DYNAMODB', tableName: TABLE }, none: { name: 'none', type: 'NONE' } },
    functions: {
      F1: {
        id: 'F1',
        name: 'f1',
        dataSource: 'none',
        runtime,
        code: `export function request(ctx) { ctx.stash.steps.push('f1'); ctx.stash.marker = 'm'; return { payload: { value: ctx.prev.result.value + '-f1' } }; }
               ${passThroughResponse}`,
      },
      F2: {
        id: 'F2',
        name: 'f2',
        dataSource: 'none',
        runtime,
        code: `export function request(ctx) { ctx.stash.steps.push('f2'); return { payload: { value: ctx.prev.result.value + '-f2' } }; }
               export function response(ctx) { ctx.stash.steps.push('f2r'); return ctx.result; }`,
      },
      HEADERS: {
        id: 'HEADERS',
        name: 'headers',
        dataSource: 'none',
        runtime,
        code: `import { util } from '@aws-appsync/utils';
               export function request(ctx) { util.http.addResponseHeader('x-step', 'f'); util.http.addResponseHeader('x-before', 'overridden'); return { payload: 'done' }; }
               ${passThroughResponse}`,
      },
      EARLY: {
        id: 'EARLY',
        name: 'early',
        dataSource: 'none',
        runtime,
        code: `import { runtime } from '@aws-appsync/utils';
               export function request(ctx) { ctx.stash.steps.push('early'); runtime.earlyReturn({ value: 'early:' + ctx.prev.result.value }); }
               export function response(ctx) { ctx.stash.steps.push('never'); return ctx.result; }`,
      },
    },
    resolvers: [
      unit('Query', 'getItem', 'table', `import { util } from '@aws-appsync/utils';
        export function request(ctx) { return { operation: 'GetItem', key: { pk: { S: ctx.args.pk } } }; }
        export function response(ctx) { if (ctx.error) util.error(ctx.error.message, ctx.error.type); return ctx.result; }`),
      unit('Mutation', 'putItem', 'table', `
        export function request(ctx) { return { operation: 'PutItem', key: { pk: { S: ctx.args.pk } }, attributeValues: { name: { S: ctx.args.name }, count: { N: 1 } } }; }
        ${passThroughResponse}`),
      unit('Mutation', 'putOnce', 'table', `import { util } from '@aws-appsync/utils';
        export function request(ctx) {
          return { operation: 'PutItem', key: { pk: { S: ctx.args.pk } }, attributeValues: { name: { S: ctx.args.name } },
                   condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } } };
        }
        export function response(ctx) { if (ctx.error) util.error(ctx.error.message, ctx.error.type, ctx.result); return ctx.result; }`),
      unit('Mutation', 'transfer', 'table', `
        export function request(ctx) {
          const condition = { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: true };
          return { operation: 'TransactWriteItems', transactItems: [
            { table: ctx.env.TABLE_NAME, operation: 'PutItem', key: { pk: { S: ctx.args.a } }, attributeValues: { name: { S: 'a' } }, condition },
            { table: ctx.env.TABLE_NAME, operation: 'PutItem', key: { pk: { S: ctx.args.b } }, attributeValues: { name: { S: 'b' } } },
          ] };
        }
        export function response(ctx) { return { keys: ctx.result.keys, reasons: ctx.result.cancellationReasons, errorType: ctx.error ? ctx.error.type : null }; }`),
      unit('Mutation', 'register', 'none', `export function request(ctx) { return { payload: ctx.args.email }; } ${passThroughResponse}`),
      pipeline('Query', 'pipelineEcho', ['F1', 'F2'], `
        export function request(ctx) { ctx.stash.steps = ['before']; return { value: ctx.args.value }; }
        export function response(ctx) { return { value: ctx.prev.result.value, stash: ctx.stash.marker, steps: ctx.stash.steps }; }`),
      pipeline('Query', 'early', ['EARLY', 'F2'], `
        export function request(ctx) { ctx.stash.steps = []; return { value: ctx.args.value }; }
        export function response(ctx) { return { value: ctx.prev.result.value, steps: ctx.stash.steps }; }`),
      unit('Query', 'unitEarly', 'none', `import { runtime, util } from '@aws-appsync/utils';
        export function request(ctx) { runtime.earlyReturn({ value: 'unit-early' }); }
        export function response(ctx) { util.error('response must not run'); }`),
      unit('Query', 'fail', 'none', `import { util } from '@aws-appsync/utils';
        export function request(ctx) { util.error('boom', 'MyError', { pk: '1', name: 'n' }, { hint: 42 }); }
        ${passThroughResponse}`),
      unit('Query', 'appended', 'none', `import { util } from '@aws-appsync/utils';
        export function request(ctx) { util.appendError('careful', 'Warning'); return { payload: 'kept' }; }
        ${passThroughResponse}`),
      unit('Query', 'secret', 'none', `export function request(ctx) { return { payload: 'iam-only' }; } ${passThroughResponse}`),
      unit('Query', 'whoAmI', 'none', `export function request(ctx) { return { payload: { identity: ctx.identity } }; } ${passThroughResponse}`),
      unit('Query', 'headerEcho', 'none', `export function request(ctx) { return { payload: ctx.request.headers['x-custom'] + '|' + ctx.info.fieldName + '|' + ctx.env.TABLE_NAME }; } ${passThroughResponse}`),
      pipeline('Query', 'withHeaders', ['HEADERS'], `import { util } from '@aws-appsync/utils';
        export function request(ctx) { util.http.addResponseHeader('x-before', 'b'); return {}; }
        export function response(ctx) { util.http.addResponseHeaders({ 'x-after': 'a', 'x-count': 2 }); return ctx.prev.result; }`),
      unit('Query', 'nested', 'none', `export function request(ctx) { return { payload: { child: { grandchild: { value: 'deep' } } } }; } ${passThroughResponse}`),
    ],
  };
}

interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Record<string, unknown>[] };
}

let dynamo: DynamoDbLocalEndpoint;
let server: AppSyncServer;

async function post(body: unknown, headers: Record<string, string> = { 'x-api-key': API_KEY }): Promise<GraphQLAnswer> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer['body'] };
}

/** POSTs `body` signed with `credentials` (the local user's by default); `signHost: false` leaves host out of the signature. */
async function signedPost(body: unknown, { credentials = IAM, signHost = true }: { credentials?: IamCredentials; signHost?: boolean } = {}): Promise<GraphQLAnswer> {
  const text = JSON.stringify(body);
  const headers = await signGraphqlRequest({ url: server.graphqlUrl, body: text, credentials, region: REGION, signHost });
  return post(text, withoutHost(headers));
}

beforeAll(async () => {
  dynamo = await testDynamoDbLocal();
  const client = createDynamoDbJsonClient({ endpoint: dynamo.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTables(client, [
    { logicalId: TABLE, tableName: TABLE, keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], attributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] },
  ]);
  client.destroy();
  principals.add({ ...FUNCTION_IAM, principal: assumedRolePrincipal(FUNCTION_ROLE_ARN, 'publisher') });
  server = await startAppSyncServer({
    api: buildApi(),
    dynamodb: { endpoint: dynamo.endpoint, region: REGION },
    region: REGION,
    iamCredentials: IAM,
    iamPrincipals: principals,
    port: 0,
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await dynamo?.stop();
});

describe('resolvers', () => {
  it('runs unit resolvers against DynamoDB Local (PutItem then GetItem)', async () => {
    const put = await post({ query: 'mutation { putItem(pk: "item-1", name: "first") { pk name count } }' });
    expect(put).toEqual({ status: 200, body: { data: { putItem: { pk: 'item-1', name: 'first', count: 1 } } } });
    const get = await post({ query: 'query Q($pk: ID!) { getItem(pk: $pk) { name count } }', variables: { pk: 'item-1' } });
    expect(get.body).toEqual({ data: { getItem: { name: 'first', count: 1 } } });
  });

  it('runs a pipeline: before → functions → after with prev.result chaining and one stash', async () => {
    const answer = await post({ query: '{ pipelineEcho(value: "x") { value stash steps } }' });
    expect(answer.body).toEqual({ data: { pipelineEcho: { value: 'x-f1-f2', stash: 'm', steps: ['before', 'f1', 'f2', 'f2r'] } } });
  });

  it('honours runtime.earlyReturn in a function (skips its data source and response) and in a unit request', async () => {
    const answer = await post({ query: '{ early(value: "x") { value steps } unitEarly { value } }' });
    expect(answer.body).toEqual({ data: { early: { value: 'early:x-f2', steps: ['early', 'f2', 'f2r'] }, unitEarly: { value: 'unit-early' } } });
  });

  it('turns util.error into a null field with AppSync error parts (data filtered by selection)', async () => {
    const answer = await post({ query: '{ fail { pk } }' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { fail: null },
      errors: [{ path: ['fail'], data: { pk: '1' }, errorType: 'MyError', errorInfo: { hint: 42 }, locations: [{ line: 1, column: 3, sourceName: null }], message: 'boom' }],
    });
  });

  it('keeps the value after util.appendError and reports the error', async () => {
    const answer = await post({ query: '{ appended }' });
    expect(answer.body.data).toEqual({ appended: 'kept' });
    expect(answer.body.errors).toEqual([
      { path: ['appended'], data: null, errorType: 'Warning', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'careful' },
    ]);
  });

  it('reports a failed PutItem condition as DynamoDB:ConditionalCheckFailedException', async () => {
    await post({ query: 'mutation { putOnce(pk: "once", name: "one") { pk } }' });
    const again = await post({ query: 'mutation { putOnce(pk: "once", name: "two") { pk name } }' });
    expect(again.body.data).toEqual({ putOnce: null });
    expect(again.body.errors?.[0]).toMatchObject({
      errorType: 'DynamoDB:ConditionalCheckFailedException',
      data: { pk: 'once', name: 'one' },
    });
    expect(String(again.body.errors?.[0]?.message)).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
  });

  it('reports same-item PutItem retries as success after the re-read', async () => {
    const first = await post({ query: 'mutation { putOnce(pk: "idem", name: "same") { pk name } }' });
    const retry = await post({ query: 'mutation { putOnce(pk: "idem", name: "same") { pk name } }' });
    expect(first.body).toEqual({ data: { putOnce: { pk: 'idem', name: 'same' } } });
    expect(retry.body).toEqual(first.body);
  });

  it('returns keys from TransactWriteItems and cancellation reasons with the item when cancelled', async () => {
    const ok = await post({ query: 'mutation { transfer(a: "t-a", b: "t-b") { keys reasons errorType } }' });
    expect(ok.body.data?.transfer).toEqual({ keys: JSON.stringify([{ pk: 't-a' }, { pk: 't-b' }]), reasons: null, errorType: null });
    const cancelled = await post({ query: 'mutation { transfer(a: "t-a", b: "t-c") { keys reasons errorType } }' });
    const result = cancelled.body.data?.transfer as { keys: string | null; reasons: string; errorType: string };
    expect(result.errorType).toBe('DynamoDB:TransactionCanceledException');
    expect(result.keys).toBeNull();
    const reasons = JSON.parse(result.reasons) as { type: string; item?: unknown }[];
    expect(reasons[0]).toMatchObject({ type: 'ConditionalCheckFailed', item: { pk: 't-a', name: 'a' } });
    expect(reasons[1]?.type).toBe('None');
  });

  it('passes lower-cased headers, info and env to ctx', async () => {
    const answer = await post({ query: '{ headerEcho }' }, { 'x-api-key': API_KEY, 'X-Custom': 'hello' });
    expect(answer.body).toEqual({ data: { headerEcho: `hello|headerEcho|${TABLE}` } });
  });

  it('sends the headers resolvers add with util.http on the HTTP response, later definitions winning', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ query: '{ withHeaders }' }),
    });
    expect(await response.json()).toEqual({ data: { withHeaders: 'done' } });
    expect(response.headers.get('x-before')).toBe('overridden');
    expect(response.headers.get('x-step')).toBe('f');
    expect(response.headers.get('x-after')).toBe('a');
    expect(response.headers.get('x-count')).toBe('2');
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('counts DynamoDB requests by operation', () => {
    const stats = server.stats();
    expect(stats.dynamodb.requestsByOperation.PutItem).toBeGreaterThanOrEqual(4);
    expect(stats.dynamodb.requestsByOperation.TransactWriteItems).toBe(2);
    expect(stats.graphqlRequests).toBeGreaterThan(0);
  });
});

describe('the settle barrier route', () => {
  it('answers 204 once the stack\'s barrier resolves, 503 NotSettled with its reason when it rejects, 404 without one', async () => {
    const url = new URL(SETTLE_PATH, server.graphqlUrl).href;
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
    let outcome: Promise<void> = Promise.resolve();
    let calls = 0;
    const settling = await startAppSyncServer({
      api: buildApi(),
      dynamodb: { endpoint: dynamo.endpoint, region: REGION },
      region: REGION,
      port: 0,
      settled: () => {
        calls += 1;
        return outcome;
      },
    });
    try {
      const settleUrl = new URL(SETTLE_PATH, settling.graphqlUrl).href;
      let released = () => {};
      outcome = new Promise<void>((resolve) => (released = resolve));
      let answered = false;
      const pending = fetch(settleUrl, { method: 'POST' }).then((response) => ((answered = true), response));
      await expect.poll(() => calls).toBe(1);
      expect(answered).toBe(false);
      released();
      expect((await pending).status).toBe(204);
      outcome = Promise.reject(new Error('a stream batch is still under way'));
      outcome.catch(() => {});
      const refused = await fetch(settleUrl, { method: 'POST' });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ errors: [{ errorType: 'NotSettled', message: 'a stream batch is still under way' }] });
      expect((await fetch(settleUrl)).status).toBe(404);
    } finally {
      await settling.stop();
    }
  });
});

describe('request-level errors', () => {
  it('answers 401 without a key, with an unknown key and with an expired key', async () => {
    const unauthorized = { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
    expect(await post({ query: '{ appended }' }, {})).toEqual({ status: 401, body: unauthorized });
    expect(await post({ query: '{ appended }' }, { 'x-api-key': 'da2-wrong' })).toEqual({ status: 401, body: unauthorized });
    const expired = await post({ query: '{ appended }' }, { 'x-api-key': EXPIRED_KEY });
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
    expect(expired.body.errors?.[0]?.message).toBe('API key has expired.');
  });

  it('answers 400 to malformed JSON and a missing query, without stack traces', async () => {
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.errorType).toBe('MalformedHttpRequestException');
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.ts:\d+/);
    expect((await post({ variables: {} })).status).toBe(400);
  });

  it('answers 400 to an oversized body', async () => {
    const answer = await post({ query: `{ appended } #${'x'.repeat(5 * 1024 * 1024)}` });
    expect(answer.status).toBe(400);
  });

  it('answers CORS preflights', async () => {
    const response = await fetch(server.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-api-key');
  });

  it('reports an invalid AWSEmail variable in AppSync wording with data null', async () => {
    const answer = await post({ query: 'mutation R($email: AWSEmail!) { register(email: $email) }', variables: { email: 'not-an-email' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          data: null,
          errorType: null,
          errorInfo: null,
          locations: [{ line: 1, column: 12, sourceName: null }],
          message: "Variable 'email' has an invalid value. Unable to parse `not-an-email` as a valid email address.",
        },
      ],
    });
    const valid = await post({ query: 'mutation R($email: AWSEmail!) { register(email: $email) }', variables: { email: 'a@example.com' } });
    expect(valid.body).toEqual({ data: { register: 'a@example.com' } });
  });

  it('reports validation errors like AppSync', async () => {
    const answer = await post({ query: '{ nope }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors?.[0]?.message).toBe("Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'");
  });

  it('refuses operations deeper than the query depth limit', async () => {
    expect((await post({ query: '{ nested { child { grandchild { value } } } }' })).body.data).toBeNull();
    expect((await post({ query: '{ nested { child { grandchild { __typename } } } }' })).body).toEqual({
      data: { nested: { child: { grandchild: { __typename: 'Grandchild' } } } },
    });
  });
});

/** `ctx.identity` as the whoAmI resolver returned it. */
function identityOf(answer: GraphQLAnswer): Record<string, unknown> {
  expect(answer.status).toBe(200);
  return (JSON.parse(String(answer.body.data?.whoAmI)) as { identity: Record<string, unknown> }).identity;
}

describe('IAM and field-level auth', () => {
  it('accepts a request signed with SigV4 and fills ctx.identity', async () => {
    const answer = await signedPost({ query: '{ secret whoAmI }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.secret).toBe('iam-only');
    expect(identityOf(answer)).toEqual({
      accountId: '000000000000',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
      sourceIp: ['127.0.0.1'],
      userArn: 'arn:aws:iam::000000000000:user/local',
      username: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
    });
  });

  it("gives each credential's principal to resolvers: the local user and a function's assumed role", async () => {
    const user = identityOf(await signedPost({ query: '{ whoAmI }' }));
    const fn = identityOf(await signedPost({ query: '{ whoAmI }' }, { credentials: FUNCTION_IAM }));
    expect(user.userArn).toBe('arn:aws:iam::000000000000:user/local');
    expect(fn.userArn).toBe('arn:aws:sts::000000000000:assumed-role/EngineTest-PublisherRole/publisher');
    expect(fn.username).toBe(`${roleIdOf(FUNCTION_ROLE_ARN)}:publisher`);
    expect(fn.username).toMatch(/^AROA[A-Z2-7]{17}:publisher$/);
    expect(fn.accountId).toBe('000000000000');
  });

  it('refuses unknown credentials, and credentials once they are removed from the store', async () => {
    const stranger = { accessKeyId: 'ASIASTRANGER', secretAccessKey: 'stranger-secret' };
    expect((await signedPost({ query: '{ whoAmI }' }, { credentials: stranger })).status).toBe(401);
    const temporary = { accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret' };
    principals.add({ ...temporary, principal: assumedRolePrincipal(FUNCTION_ROLE_ARN, 'other-fn') });
    expect(identityOf(await signedPost({ query: '{ whoAmI }' }, { credentials: temporary })).userArn).toBe(
      'arn:aws:sts::000000000000:assumed-role/EngineTest-PublisherRole/other-fn',
    );
    principals.remove(temporary.accessKeyId);
    expect((await signedPost({ query: '{ whoAmI }' }, { credentials: temporary })).status).toBe(401);
  });

  it('refuses a correct signature that does not cover host', async () => {
    expect((await signedPost({ query: '{ whoAmI }' }, { signHost: false })).status).toBe(401);
    expect((await signedPost({ query: '{ whoAmI }' })).status).toBe(200);
  });

  it('refuses mis-signed and unsigned IAM requests', async () => {
    expect((await signedPost({ query: '{ secret }' }, { credentials: { ...IAM, secretAccessKey: 'wrong-secret' } })).status).toBe(401);
    const unsigned = await post({ query: '{ secret }' }, { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/20250101/eu-west-1/appsync/aws4_request, SignedHeaders=host, Signature=00' });
    expect(unsigned.status).toBe(401);
  });

  it('nulls a field the API key may not read, with Unauthorized', async () => {
    const answer = await post({ query: '{ secret whoAmI }' });
    expect(answer.body.data).toEqual({ secret: null, whoAmI: JSON.stringify({ identity: null }) });
    expect(answer.body.errors).toEqual([
      { path: ['secret'], data: null, errorType: 'Unauthorized', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'Not Authorized to access secret on type Query' },
    ]);
  });

  it('applies the default mode only to elements without directives', async () => {
    const answer = await signedPost({ query: '{ appended }' });
    expect(answer.body.data).toEqual({ appended: null });
    expect(answer.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
