/**
 * Each function started by the local stack signs with its own fresh credentials, which the engine knows as a session
 * of the function's execution role: a request signed with what the function finds in its environment reaches
 * resolvers with `ctx.identity.userArn` `arn:aws:sts::<account>:assumed-role/<RoleName>/<FunctionName>`. Restarts
 * (hot reload) hand out new credentials and withdraw the old ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamCredentialStore } from './appsync/auth/credential-store.ts';
import type { IamCredentials } from './appsync/auth/sigv4.ts';
import { startAppSyncServer, type AppSyncServer } from './appsync/server.ts';
import type { ApiConfig, LambdaFunctionConfig, StackDescription } from './stack-description.ts';
import { roleIdOf } from './iam-principals.ts';
import { localIdentity } from './local-identity.ts';
import { startFunctions, type FunctionsOptions, type RunningFunctions } from './start-functions.ts';
import { signGraphqlRequest, withoutHost } from './test-support/sign-graphql.ts';
import { watchLocalStack } from './watch/watch-stack.ts';

const REGION = 'eu-west-1';
const PUBLISHER_ROLE = 'arn:aws:iam::000000000000:role/NotesApp-PublisherRole';
const EMAIL_ROLE = 'arn:aws:iam::000000000000:role/NotesApp-EmailRole';

/** `whoAmI` answers ctx.identity, for IAM callers only. */
const api: ApiConfig = {
  logicalId: 'Api',
  name: 'principals-test',
  schema: 'type Query { whoAmI: AWSJSON @aws_iam }',
  defaultAuth: 'API_KEY',
  additionalAuth: ['AWS_IAM'],
  apiKeys: [{ logicalId: 'Key', id: 'da2-principalstest0000000000000' }],
  environmentVariables: {},
  dataSources: { none: { name: 'none', type: 'NONE' } },
  resolvers: [
    {
      typeName: 'Query',
      fieldName: 'whoAmI',
      kind: 'UNIT',
      dataSource: 'none',
      code: 'export function request(ctx) { return { payload: ctx.identity }; }\nexport function response(ctx) { return ctx.result; }\n',
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
    },
  ],
  functions: {},
};

const identity = localIdentity(REGION);
const principals = new IamCredentialStore();
let server: AppSyncServer;
let workDir: string;
let options: FunctionsOptions;

function fn(logicalId: string, name: string, roleArn: string | undefined): LambdaFunctionConfig {
  return {
    logicalId,
    name,
    handler: 'index.handler',
    codeDir: workDir,
    runtime: 'nodejs20.x',
    environment: {},
    timeoutSeconds: 5,
    memorySize: 128,
    ...(roleArn ? { roleArn } : {}),
  };
}

function stackConfig(functions: LambdaFunctionConfig[]): StackDescription {
  return { stackName: 'NotesApp', apis: [api], tables: [], functions, eventSourceMappings: [], queues: [] };
}

/** The credentials the function's runtime finds in its environment. */
async function credentialsOf(functions: RunningFunctions, logicalId: string): Promise<IamCredentials> {
  const outcome = await functions.runners.get(logicalId)!.invoke({});
  if (!('result' in outcome)) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
  return outcome.result as IamCredentials;
}

/** Runs whoAmI signed with `credentials`: the userArn the resolver saw, or the HTTP status when refused. */
async function userArnFor(credentials: IamCredentials): Promise<string | number> {
  const body = JSON.stringify({ query: '{ whoAmI }' });
  const headers = withoutHost(await signGraphqlRequest({ url: server.graphqlUrl, body, credentials, region: REGION }));
  const response = await fetch(server.graphqlUrl, { method: 'POST', headers, body });
  if (response.status !== 200) return response.status;
  const answer = (await response.json()) as { data: { whoAmI: string } };
  return (JSON.parse(answer.data.whoAmI) as { userArn: string; username: string }).userArn;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'start-functions-'));
  writeFileSync(
    join(workDir, 'index.mjs'),
    'export const handler = async () => ({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY });\n',
  );
  server = await startAppSyncServer({
    api,
    // Never contacted: the API has only a NONE data source.
    dynamodb: { endpoint: 'http://127.0.0.1:9', region: REGION },
    region: REGION,
    iamCredentials: identity.credentials,
    iamPrincipals: principals,
  });
  options = {
    region: REGION,
    credentials: identity.credentials,
    principals,
    endpoints: { dynamodb: 'http://127.0.0.1:9', ses: 'http://127.0.0.1:9' },
    failureDir: workDir,
    log: () => {},
  };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('function credentials', () => {
  it("give each function its own credentials, which sign as its role's assumed-role session", async () => {
    const functions = await startFunctions(
      stackConfig([fn('Publisher', 'notes-publisher', PUBLISHER_ROLE), fn('Email', 'notes-mailer', EMAIL_ROLE), fn('Roleless', 'no-role', undefined)]),
      options,
    );
    try {
      const publisher = await credentialsOf(functions, 'Publisher');
      const email = await credentialsOf(functions, 'Email');
      const roleless = await credentialsOf(functions, 'Roleless');
      const keys = [identity.credentials.accessKeyId, publisher.accessKeyId, email.accessKeyId, roleless.accessKeyId];
      expect(new Set(keys).size).toBe(4);

      expect(principals.find(publisher.accessKeyId)?.principal).toEqual({
        accountId: '000000000000',
        userArn: 'arn:aws:sts::000000000000:assumed-role/NotesApp-PublisherRole/notes-publisher',
        username: `${roleIdOf(PUBLISHER_ROLE)}:notes-publisher`,
      });
      expect(await userArnFor(publisher)).toBe('arn:aws:sts::000000000000:assumed-role/NotesApp-PublisherRole/notes-publisher');
      expect(await userArnFor(email)).toBe('arn:aws:sts::000000000000:assumed-role/NotesApp-EmailRole/notes-mailer');
      expect(await userArnFor(identity.credentials)).toBe('arn:aws:iam::000000000000:user/local');
      // No role, no principal: what such a function signs is refused.
      expect(await userArnFor(roleless)).toBe(401);
    } finally {
      await functions.stop();
    }
  }, 60_000);

  it('withdraws credentials when the functions stop, and a hot reload hands the restarted ones valid new credentials', async () => {
    const before = stackConfig([fn('Publisher', 'notes-publisher', PUBLISHER_ROLE)]);
    const functions = await startFunctions(before, options);
    const first = await credentialsOf(functions, 'Publisher');
    let running = functions;
    let second: IamCredentials | undefined;
    const watcher = watchLocalStack({
      rootDir: workDir,
      sources: ['functions'],
      config: before,
      apis: new Map([['Api', server]]),
      functions,
      startFunctions: async (next) => (running = await startFunctions(next, options)),
      // The function's code folder changed: the watcher restarts the functions.
      loadConfig: async () => stackConfig([{ ...fn('Publisher', 'notes-publisher', PUBLISHER_ROLE), environment: { VERSION: '2' } }]),
      log: () => {},
    });
    try {
      await watcher.reload(['functions/publisher/index.ts']);
      expect(running).not.toBe(functions);
      second = await credentialsOf(running, 'Publisher');
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      expect(await userArnFor(second)).toBe('arn:aws:sts::000000000000:assumed-role/NotesApp-PublisherRole/notes-publisher');
      expect(await userArnFor(first)).toBe(401);
    } finally {
      // The watcher stops the functions it restarted; the stack stops the first ones.
      await watcher.stop();
      await functions.stop();
    }
    expect(await userArnFor(second)).toBe(401);
  }, 60_000);
});
