import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints } from '../endpoints.ts';
import { cognitoRequest } from '../test-support/cognito-request.ts';
import { signGraphqlRequest, withoutHost } from '../test-support/sign-graphql.ts';
import { copyFixtureApp, removeApp, runCli, waitForEndpoints, type RunningCli } from './run-cli.ts';

async function graphql(url: string, query: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
}

async function signedGraphql(url: string, query: string, endpoints: Endpoints): Promise<unknown> {
  const body = JSON.stringify({ query });
  const headers = withoutHost(await signGraphqlRequest({ url, body, credentials: endpoints.iam, region: endpoints.region }));
  const response = await fetch(url, { method: 'POST', headers, body });
  return response.json();
}

async function stop(cli: RunningCli | undefined): Promise<number | null | undefined> {
  if (!cli || cli.process.exitCode !== null) return cli?.process.exitCode;
  cli.process.kill('SIGTERM');
  return cli.exited;
}

/**
 * The template's CLI (second suite) starts with the file, beside the CDK app's, whose synthesis is most of its start:
 * the two starts overlap instead of adding up. Its test awaits it; the file's afterAll stops it.
 */
let greeter: { dir: string; cli: RunningCli; endpoints: Promise<Endpoints> } | undefined;
beforeAll(() => {
  const dir = copyFixtureApp('greeter');
  const cli = runCli(['start', '--template', 'template.yaml', '--stack', 'demo', '--no-watch'], dir);
  const endpoints = waitForEndpoints(cli, join(dir, '.local', 'endpoints.json'));
  // Awaited by the test; a failed start must fail that test, not count as an unhandled rejection before it runs.
  endpoints.catch(() => {});
  greeter = { dir, cli, endpoints };
});
afterAll(async () => {
  await stop(greeter?.cli);
  if (greeter) removeApp(greeter.dir);
});

describe('appsync-local prepare, then start --app, on a CDK app outside the repository', () => {
  let dir: string;
  let cli: RunningCli;
  let endpoints: Endpoints;
  let prepared: { output: string; manifestMtimeMs: number };
  const endpointsFile = () => join(dir, 'out', 'endpoints.json');
  const manifest = () => join(dir, '.local', 'cdk.out', 'manifest.json');

  // prepare synthesizes the app into the state folder and checks its code, as an install script runs it; the start
  // that follows finds its sources unchanged and reuses that synth.
  beforeAll(async () => {
    dir = copyFixtureApp('notes');
    writeFileSync(join(dir, 'appsync-local.config.mjs'), `export default ${JSON.stringify({ sources: ['app.mjs', 'schema.graphql', 'admin.graphql'] })};\n`);
    const prepare = runCli(['prepare', '--app', 'node app.mjs'], dir);
    if ((await prepare.exited) !== 0) throw new Error(`appsync-local prepare failed:\n${prepare.output()}`);
    prepared = { output: prepare.output(), manifestMtimeMs: statSync(manifest()).mtimeMs };
    cli = runCli(['start', '--app', 'node app.mjs', '--endpoints', 'out/endpoints.json', '--no-ses', '--no-sms'], dir);
    endpoints = await waitForEndpoints(cli, endpointsFile());
  }, 180_000);
  afterAll(async () => {
    await stop(cli);
    removeApp(dir);
  });

  it('serves every API of the stack, each listed by name; an API without a key has none', () => {
    expect(Object.keys(endpoints.apis).sort()).toEqual(['admin-api', 'notes-api']);
    const notes = endpoints.apis['notes-api']!;
    expect(notes.apiKey).toMatch(/^da2-[a-z0-9]{26}$/);
    expect(endpoints.apis['admin-api']!.apiKey).toBeUndefined();
    expect(endpoints).toMatchObject({ graphqlUrl: notes.graphqlUrl, realtimeUrl: `${notes.graphqlUrl.replace('http', 'ws')}/realtime`, apiKey: notes.apiKey });
    expect(endpoints.sesUrl).toBeUndefined();
    expect(endpoints.smsUrl).toBeUndefined();
    expect(cli.output()).toMatch(/ready in/);
    // --no-ses --no-sms: DynamoDB Local and the synth run side by side, then the phases in order.
    expect(cli.output()).toMatch(/Start-up: dynamodb \d+\.\d s ∥ synth \d+\.\d s; then read /);
  });

  it('runs JS resolvers on DynamoDB (util as a global), a Lambda resolver and the stream function', async () => {
    const notes = endpoints.apis['notes-api']!;
    const key = { 'x-api-key': notes.apiKey ?? '' };
    const added = await graphql(notes.graphqlUrl, 'mutation { addNote(text: "first") { id text greeting } }', key);
    const note = (added.body as { data: { addNote: { id: string; text: string; greeting: string } } }).data.addNote;
    expect(note).toMatchObject({ text: 'first', greeting: 'hello' });
    const read = await graphql(notes.graphqlUrl, `{ note(id: "${note.id}") { text } shout(text: "hey") }`, key);
    expect(read.body).toEqual({ data: { note: { text: 'first' }, shout: 'HEY!' } });

    const client = new DynamoDBClient({ endpoint: endpoints.dynamodbUrl, region: endpoints.region, credentials: { ...endpoints.iam } });
    try {
      const [tableName] = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
      await expect
        .poll(async () => (await client.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'counter' } } }))).Item?.notes?.N)
        .toBe('1');
    } finally {
      client.destroy();
    }
  });

  it("creates the template's KMS key in the local KMS, which AWS's client reaches with the local credentials", async () => {
    const client = new KMSClient({ endpoint: endpoints.kmsUrl, region: endpoints.region, credentials: { ...endpoints.iam } });
    try {
      const { Mac } = await client.send(new GenerateMacCommand({ KeyId: 'alias/notes-mac', MacAlgorithm: 'HMAC_SHA_256', Message: new TextEncoder().encode('m') }));
      expect(Mac).toHaveLength(32);
    } finally {
      client.destroy();
    }
  });

  it('refuses API-key requests to the IAM-only API and answers signed ones with the local user', async () => {
    const admin = endpoints.apis['admin-api']!;
    expect((await graphql(admin.graphqlUrl, '{ whoami }', { 'x-api-key': endpoints.apis['notes-api']!.apiKey ?? '' })).status).toBe(401);
    expect(await signedGraphql(admin.graphqlUrl, '{ whoami }', endpoints)).toEqual({ data: { whoami: 'arn:aws:iam::000000000000:user/local' } });
  });

  it("prepare checked the APIs' code and left a synth the start reused", () => {
    expect(prepared.output).toMatch(/prepared the first start in \d+\.\d s: API code checked \((admin-api, notes-api|notes-api, admin-api)\)/);
    expect(prepared.output).toMatch(/class archive (written|already there|not written)/);
    expect(statSync(manifest()).mtimeMs).toBe(prepared.manifestMtimeMs);
  });

  it('removes the endpoints file and exits 0 on SIGTERM', async () => {
    expect(await stop(cli)).toBe(0);
    expect(existsSync(endpointsFile())).toBe(false);
  });
});

describe('appsync-local start --template, on a YAML template with code in local files', () => {
  it('serves the template, names the API from its stack name, and runs its user pool in the local Cognito', async () => {
    if (!greeter) throw new Error('the file-level beforeAll did not start the template');
    const { cli } = greeter;
    const endpoints = await greeter.endpoints;
    expect(Object.keys(endpoints.apis)).toEqual(['demo-greeter']);
    const answer = await graphql(endpoints.graphqlUrl, '{ greet(name: "Ada") reverse(text: "abc") }', { 'x-api-key': endpoints.apiKey ?? '' });
    expect(answer.body).toEqual({ data: { greet: 'Hello, Ada', reverse: 'cba' } });
    expect(endpoints.sesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoints.smsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.output()).toMatch(/Start-up: dynamodb \d+\.\d s ∥ ses \d+\.\d s ∥ sms \d+\.\d s ∥ synth /);

    // The user pool the API trusts runs in the local Cognito: an admin creates a user (signed as the local IAM user),
    // the user signs in, and the ID token reaches the field; the API key does not.
    const cognito = endpoints.cognito!;
    expect(cognito.userPools[0]?.issuer).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_/);
    expect(endpoints.userPools).toBeUndefined();
    const admin = (operation: string, input: Record<string, unknown>) =>
      cognitoRequest({ url: cognito.endpoint, operation, input, region: cognito.region, credentials: endpoints.iam });
    await admin('AdminCreateUser', { UserPoolId: cognito.userPoolId, Username: 'ada', MessageAction: 'SUPPRESS' });
    await admin('AdminSetUserPassword', { UserPoolId: cognito.userPoolId, Username: 'ada', Password: 'Analytical-Engine1', Permanent: true });
    const signIn = await cognitoRequest({
      url: cognito.endpoint,
      operation: 'InitiateAuth',
      region: cognito.region,
      input: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cognito.clientId, AuthParameters: { USERNAME: 'ada', PASSWORD: 'Analytical-Engine1' } },
    });
    const token = (signIn.body.AuthenticationResult as { IdToken: string }).IdToken;
    expect((await graphql(endpoints.graphqlUrl, '{ whoami }', { authorization: token })).body).toEqual({ data: { whoami: 'ada (User Pool Authorization)' } });
    const withKey = await graphql(endpoints.graphqlUrl, '{ whoami }', { 'x-api-key': endpoints.apiKey ?? '' });
    expect(withKey.body).toMatchObject({ data: { whoami: null }, errors: [{ errorType: 'Unauthorized' }] });
  }, 120_000);
});

describe('appsync-local start, refused', () => {
  it('exits 1 naming the problem when there is nothing to run', async () => {
    const cli = runCli(['start', '--no-watch'], join(import.meta.dirname, '..', 'fixtures'));
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/Nothing to run: give --app/);
  });

  it('exits 2 on an unknown command', async () => {
    const cli = runCli(['serve'], import.meta.dirname);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/unknown command "serve"/);
  });
});
