/**
 * The local stack assembled from local/stack.ts's building blocks, for fault tests that need handles
 * `startLocalStack` does not expose (the SES server, to stop and restart it on the same port).
 * It reads the cloud assembly the shared e2e stack already synthesized, so it starts without a second synth.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiConfig, LocalStackConfig } from '../../local/config.ts';
import type { Endpoints } from '../../local/endpoints.ts';
import { startAppSyncServer, type AppSyncServer } from '../../local/appsync/server.ts';
import { localIdentity } from '../../local/local-identity.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { startSesLocal, type SesLocal } from '../../local/services/ses-local.ts';
import { createTables } from '../../local/services/tables.ts';
import { STACK_NAME } from '../../local/stack.ts';
import { startFunctions, type RunningFunctions } from '../../local/start-functions.ts';
import { readStack } from '../../local/template/read-stack.ts';

/** Where test/support/global-setup.ts synthesizes the CDK app for the shared e2e stack. */
export const SHARED_ASSEMBLY_DIR = resolve('.local/test-stack/cdk.out');

function randomAlphanumeric(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The stack's description read from the shared e2e assembly, with fresh local key and secret values. */
export function readSharedStack(region: string): LocalStackConfig {
  if (!existsSync(SHARED_ASSEMBLY_DIR)) throw new Error(`no synthesized app at ${SHARED_ASSEMBLY_DIR}: run through the e2e project`);
  return readStack(SHARED_ASSEMBLY_DIR, STACK_NAME, {
    region,
    accountId: '000000000000',
    apiKeyValue: () => `da2-${randomAlphanumeric(26)}`,
    secretValue: () => randomAlphanumeric(64),
  });
}

/** The one AppSync API of a stack description. */
export function onlyApi(config: LocalStackConfig): ApiConfig {
  const [api] = config.apis;
  if (!api) throw new Error('the stack has no AppSync API');
  return api;
}

/** A running composed stack and the handles fault tests act on. */
export interface ComposedStack {
  endpoints: Endpoints;
  config: LocalStackConfig;
  dynamodb: DynamoDbLocal;
  appsync: AppSyncServer;
  functions: RunningFunctions;
  /** The on-failure destination file of the stream mappings. */
  onFailureFile: string;
  /** The current SES server (replaced by restartSes). */
  ses(): SesLocal | undefined;
  /** Stops the SES server: the Lambda's SendEmail calls fail with connection errors until restartSes. */
  stopSes(): Promise<void>;
  /** Starts SES again on the same port (the mailbox is module state, so earlier mail stays). */
  restartSes(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local, SES, the AppSync engine and the functions, like startLocalStack without the web app. */
export async function startComposedStack(options: { stateDir: string; log?: (line: string) => void }): Promise<ComposedStack> {
  const identity = localIdentity();
  const log = options.log ?? (() => {});
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopPart of stoppers.reverse()) await stopPart().catch(() => {});
  };
  let ses: SesLocal | undefined;
  try {
    const config = readSharedStack(identity.region);
    const api = onlyApi(config);
    const dynamodb = await startDynamoDbLocal();
    stoppers.push(dynamodb.stop);
    ses = await startSesLocal();
    const sesPort = ses.port;
    const sesUrl = ses.url;
    stoppers.push(() => ses?.stop() ?? Promise.resolve());
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: identity.region, credentials: identity.credentials });
    await createTables(client, config.tables);
    client.destroy();
    const appsync = await startAppSyncServer({
      api,
      dynamodb: { endpoint: dynamodb.endpoint, region: identity.region },
      region: identity.region,
      iamCredentials: identity.credentials,
    });
    stoppers.push(appsync.stop);
    const failureDir = join(options.stateDir, 'failed-events');
    mkdirSync(failureDir, { recursive: true });
    const functions = await startFunctions(config, {
      region: identity.region,
      credentials: identity.credentials,
      endpoints: { dynamodb: dynamodb.endpoint, ses: sesUrl },
      failureDir,
      log,
    });
    stoppers.push(functions.stop);
    const apiKey = api.apiKeys[0]?.id;
    if (!apiKey) throw new Error('the API has no key');
    return {
      endpoints: {
        graphqlUrl: appsync.graphqlUrl,
        realtimeUrl: `${appsync.graphqlUrl.replace(/^http/, 'ws')}/realtime`,
        apiKey,
        region: identity.region,
        sesUrl,
        dynamodbUrl: dynamodb.endpoint,
        iam: identity.credentials,
      },
      config,
      dynamodb,
      appsync,
      functions,
      onFailureFile: join(failureDir, 'on-failure.jsonl'),
      ses: () => ses,
      async stopSes() {
        await ses?.stop();
        ses = undefined;
      },
      async restartSes() {
        if (!ses) ses = await startSesLocal({ port: sesPort });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
