/**
 * Starts the CDK app's stack offline: every resource of the synthesized template with its local counterpart.
 * Used by `npm start` (local/start.ts), the end-to-end tests and the benchmarks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalStackConfig } from './config.ts';
import type { Endpoints } from './endpoints.ts';
import { IamCredentialStore } from './appsync/auth/credential-store.ts';
import { startAppSyncServer, type AppSyncServer } from './appsync/server.ts';
import { startDynamoDbLocal } from './services/dynamodb-local.ts';
import { startSesLocal, type SesLocal } from './services/ses-local.ts';
import { createTables } from './services/tables.ts';
import { startWebDevServer } from './services/web.ts';
import { startFunctions, type RunningFunctions } from './start-functions.ts';
import { generateApiKeyValue, generateSecretValue } from './template/local-values.ts';
import { readStack } from './template/read-stack.ts';
import { synthesize } from './template/synth.ts';
import { localIdentity } from './local-identity.ts';
import { assertPortFree, freePort } from './util/free-port.ts';
import { stableLocalValues, watchLocalStack } from './watch/index.ts';

export const STACK_NAME = 'OtpService';

export interface LocalStackOptions {
  /** Working folder for the synthesized app, persisted data and failure records (e.g. `.local`). */
  stateDir: string;
  /** Fixed ports; 0 or absent picks a free one. */
  ports?: { graphql?: number; dynamodb?: number; ses?: number; web?: number };
  /** CDK context passed to the app (e.g. `{ codeTtlSeconds: '2' }`). */
  context?: Record<string, string>;
  /** Serve the web app too (default true). */
  web?: boolean;
  /** Re-synthesize and reload the API (and restart changed functions) when sources change (default false; npm start: on). */
  watch?: boolean;
  /** Model an SES sandbox: recipients for which this returns false are refused (MessageRejected). */
  sesSandboxVerifiedRecipient?: (address: string) => boolean;
  /** Keep DynamoDB data on disk under stateDir (default: in memory). */
  persist?: boolean;
  log?: (line: string) => void;
  /** Called when a part dies while the stack runs (e.g. DynamoDB Local killed). */
  onFatal?: (error: Error) => void;
}

export interface LocalStack {
  endpoints: Endpoints;
  config: LocalStackConfig;
  /** The engine, for its request statistics (benchmarks) and reloads. */
  appsync: AppSyncServer;
  /** The functions' runners and the on-failure destinations of their stream mappings. */
  functions: RunningFunctions;
  /** The local SES server (fault tests stop it; its mailbox is module state and outlives a restart on its port). */
  ses: SesLocal;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  const identity = localIdentity();
  const stoppers: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Stop in reverse order of start: consumers before the services they use.
    for (const stopPart of stoppers.reverse()) await stopPart().catch(() => {});
  };
  try {
    mkdirSync(options.stateDir, { recursive: true });
    const assemblyDir = join(options.stateDir, 'cdk.out');
    // allSettled, not all: when one part fails, the parts that did start must still be stopped.
    const [dynamodbStart, sesStart, synthesis] = await Promise.allSettled([
      startDynamoDbLocal({
        port: options.ports?.dynamodb || undefined,
        dbPath: options.persist ? ensureDir(join(options.stateDir, 'dynamodb')) : undefined,
      }),
      startSesLocal({
        port: options.ports?.ses || undefined,
        sandboxVerifiedRecipient: options.sesSandboxVerifiedRecipient,
        region: identity.region,
      }),
      synthesize({ outDir: assemblyDir, context: options.context }),
    ]);
    for (const started of [dynamodbStart, sesStart]) if (started.status === 'fulfilled') stoppers.push(started.value.stop);
    const dynamodb = settledValue(dynamodbStart);
    const ses = settledValue(sesStart);
    const assembly = settledValue(synthesis);
    dynamodb.process.once('exit', (code) => {
      if (!stopped) options.onFatal?.(new Error(`DynamoDB Local stopped unexpectedly (exit code ${code}).`));
    });
    log(`DynamoDB Local on ${dynamodb.endpoint}, SES on ${ses.url}, app synthesized`);

    // The engine's address is part of the template's values (GraphQLUrl reaches functions that call the API),
    // so its port is settled before the template is read.
    if (options.ports?.graphql) await assertPortFree(options.ports.graphql, 'GraphQL endpoint');
    const graphqlPort = options.ports?.graphql || (await freePort());
    // Stable per logical id, so a hot reload's readStack keeps the API key and secrets.
    const localValues = stableLocalValues({
      region: identity.region,
      accountId: identity.accountId,
      apiKeyValue: generateApiKeyValue,
      secretValue: generateSecretValue,
      graphqlUrl: () => `http://127.0.0.1:${graphqlPort}/graphql`,
    });
    const config = readStack(assembly.assemblyDir, STACK_NAME, localValues);
    const [api] = config.apis;
    if (!api) throw new Error(`The synthesized stack ${STACK_NAME} has no AppSync API.`);
    const apiKey = api.apiKeys[0]?.id;
    if (!apiKey) throw new Error(`The AppSync API ${api.name} has no API key.`);

    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: identity.region, credentials: identity.credentials });
    await createTables(client, config.tables);
    client.destroy();

    // The functions' credentials, each an assumed-role session of the function's execution role (start-functions.ts).
    const functionPrincipals = new IamCredentialStore();
    const appsync = await startAppSyncServer({
      api,
      dynamodb: { endpoint: dynamodb.endpoint, region: identity.region },
      region: identity.region,
      iamCredentials: identity.credentials,
      iamPrincipals: functionPrincipals,
      port: graphqlPort,
    });
    stoppers.push(appsync.stop);

    const functionOptions = {
      region: identity.region,
      credentials: identity.credentials,
      principals: functionPrincipals,
      endpoints: { dynamodb: dynamodb.endpoint, ses: ses.url },
      failureDir: ensureDir(join(options.stateDir, 'failed-events')),
      log,
    };
    const functions = await startFunctions(config, functionOptions);
    stoppers.push(functions.stop);
    if (options.watch) {
      const watcher = watchLocalStack({
        assemblyDir, stackName: STACK_NAME, context: options.context, localValues, config, appsync, functions, log,
        startFunctions: (next) => startFunctions(next, functionOptions),
      });
      stoppers.push(watcher.stop);
    }

    const endpoints: Endpoints = {
      graphqlUrl: appsync.graphqlUrl,
      realtimeUrl: appsync.realtimeUrl,
      apiKey,
      region: identity.region,
      sesUrl: ses.url,
      dynamodbUrl: dynamodb.endpoint,
      iam: identity.credentials,
    };
    if (options.web ?? true) {
      const web = await startWebDevServer({
        port: options.ports?.web || undefined,
        graphqlUrl: endpoints.graphqlUrl,
        apiKey,
        codeLength: api.environmentVariables.OTP_CODE_LENGTH,
      });
      stoppers.push(web.stop);
      endpoints.webUrl = web.url;
    }
    return { endpoints, config, appsync, functions, ses, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
