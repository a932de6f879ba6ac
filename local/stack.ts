/**
 * Runs a CDK app's (or a CloudFormation template's) stack offline: DynamoDB Local for its tables and streams, one
 * AppSync engine per API, its Lambda functions fed by their stream mappings, a local SES, and the sidecars the
 * caller adds (e.g. a web dev server). The `appsync-local` command and any test or tool that wants a stack use this.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppSyncServer, AppSyncServerOptions } from './appsync/server.ts';
import type { ApiConfig, StackDescription } from './stack-description.ts';
import { SETTLE_PATH, type ApiEndpoints, type Endpoints } from './endpoints.ts';
import { ShardPollTurns } from './lambda/shard-poll-turns.ts';
import { localIdentity } from './local-identity.ts';
import { startDynamoDbLocal, type DynamoDbLocalEndpoint, type DynamoDbLocalOptions } from './services/dynamodb-local.ts';
import type { SesLocal } from './services/ses-local.ts';
import type { SmsAccountOptions } from './services/sns-local/sms-account.ts';
import type { SnsLocal } from './services/sns-local/sns-local.ts';
import { settleStack, type SettleOptions } from './settle-stack.ts';
import type { Sidecar } from './sidecar.ts';
import type { StackReader, StackSource } from './stack-source.ts';
import type { RunningFunctions, StreamPolling } from './start-functions.ts';
import { realtimeUrlOf, type LocalValues } from './template/local-values.ts';
import { durationRecorder } from './util/timed.ts';

/**
 * Everything but DynamoDB Local and the synth, loaded once both are starting: the engine, the services, the SDK and
 * the template reader are most of a second of module loading in a fresh process, which used to run before the JVM
 * (the longest part of a start) was even spawned, and now runs beside it on the other core.
 */
async function loadStackParts() {
  const [dynamodbJsonClient, credentialStore, kmsLocal, cognitoLocal, server, sesLocal, snsLocal, tables, userPoolIssuers, startFunctionsModule, functionUrls, outputEndpointsModule, localValues, watch, asyncInvocations, freePortModule, lintCode] = await Promise.all([
    import('./appsync/data-sources/dynamodb/dynamodb-json-client.ts'),
    import('./appsync/auth/credential-store.ts'),
    import('./services/kms-local/kms-local.ts'),
    import('./services/cognito-local/index.ts'),
    import('./appsync/server.ts'),
    import('./services/ses-local.ts'),
    import('./services/sns-local/sns-local.ts'),
    import('./services/tables.ts'),
    import('./user-pool-issuers.ts'),
    import('./start-functions.ts'),
    import('./function-urls/start-function-urls.ts'),
    import('./output-endpoints.ts'),
    import('./template/local-values.ts'),
    import('./watch/index.ts'),
    import('./lambda/async-invocations.ts'),
    import('./util/free-port.ts'),
    import('./appsync/code-check/lint-code.ts'),
  ]);
  return {
    createDynamoDbJsonClient: dynamodbJsonClient.createDynamoDbJsonClient,
    IamCredentialStore: credentialStore.IamCredentialStore,
    withLocalUser: credentialStore.withLocalUser,
    startKmsLocal: kmsLocal.startKmsLocal,
    cognitoEndpoints: cognitoLocal.cognitoEndpoints,
    startCognitoLocal: cognitoLocal.startCognitoLocal,
    startAppSyncServer: server.startAppSyncServer,
    startSesLocal: sesLocal.startSesLocal,
    startSnsLocal: snsLocal.startSnsLocal,
    createTables: tables.createTables,
    startUserPoolIssuers: userPoolIssuers.startUserPoolIssuers,
    startFunctions: startFunctionsModule.startFunctions,
    functionUrlPorts: functionUrls.functionUrlPorts,
    startFunctionUrls: functionUrls.startFunctionUrls,
    outputEndpoints: outputEndpointsModule.outputEndpoints,
    generateApiKeyValue: localValues.generateApiKeyValue,
    generateSecretValue: localValues.generateSecretValue,
    stableLocalValues: watch.stableLocalValues,
    watchLocalStack: watch.watchLocalStack,
    AsyncInvocations: asyncInvocations.AsyncInvocations,
    assertPortFree: freePortModule.assertPortFree,
    freePort: freePortModule.freePort,
    preloadLinter: lintCode.preloadLinter,
  };
}

export interface LocalStackOptions extends StackSource {
  /** Working folder for the synthesized app, persisted data and failure records (e.g. `.local`). */
  stateDir: string;
  /** Fixed ports; 0 or absent picks a free one. `graphql` is the first API's; further APIs get free ports. */
  ports?: { graphql?: number; dynamodb?: number; ses?: number; sms?: number };
  /** Rebuild the stack and reload the APIs (and restart changed functions) when `sources` change. @default false */
  watch?: boolean;
  /** How the stream pollers pace their reads of an idle shard (see StreamPolling). */
  streamPolling?: StreamPolling;
  /**
   * The local SES (SES v1 + v2 API, inbox viewer). `false` leaves it out; `sandboxVerifiedRecipient` models an account
   * in the SES sandbox: sends to recipients for which it returns false are refused (MessageRejected). @default on
   */
  ses?: false | { sandboxVerifiedRecipient?: (address: string) => boolean };
  /**
   * The local SNS for SMS (services/sns-local/: Publish to phone numbers, an inbox at `smsUrl`). `false` leaves it out;
   * `optedOutNumbers`, `invalidNumbers` (refused by Publish) and `unreachableNumbers` (accepted, delivery fails) model
   * what a test needs of real phones. @default on
   */
  sms?: false | SmsAccountOptions;
  /** Keep DynamoDB data on disk under stateDir (default: in memory). */
  persist?: boolean;
  /** DynamoDB Local's JVM: quick to start (the default) or tuned for long runs under load. See {@link DynamoDbLocalOptions.jvm}. */
  dynamodbJvm?: DynamoDbLocalOptions['jvm'];
  /**
   * A DynamoDB Local to use instead of starting a JVM, e.g. a lease from a pool shared by a test run's stacks
   * (`() => leaseDynamoDbLocal(poolUrl)`, services/dynamodb-local-pool.ts). It must hold no tables the stack defines
   * (they are kept as found); the stack calls its `stop()` when it stops. A JVM the stack did not start cannot be
   * watched: its death is not reported through `onFatal`. Not with `persist` or `ports.dynamodb`.
   */
  dynamodbLocal?: () => Promise<DynamoDbLocalEndpoint>;
  /**
   * AWS service endpoints that HTTP data sources call, redirected to local counterparts (origin → origin, e.g.
   * `{ 'https://kms.us-east-1.amazonaws.com': 'http://127.0.0.1:4599' }`); requests are still signed for the original host.
   */
  endpointOverrides?: Readonly<Record<string, string>>;
  /**
   * Token issuers served locally: issuer URL (the template's OIDC `Issuer`, or a user pool's
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>`) → the base URL of a local issuer (e.g. `startLocalOidcIssuer`).
   * Each user pool an API trusts gets a local issuer of its own unless listed here (user-pool-issuers.ts).
   */
  issuerOverrides?: Readonly<Record<string, string>>;
  /** Started, in order, once the stack serves; their endpoints join the stack's. */
  sidecars?: readonly Sidecar[];
  /**
   * Top-level endpoints file entries taken from the stack's outputs: endpoint key → output name, e.g.
   * `{ jwksUrl: 'JwksUrl' }`. Every output is under `outputs` anyway; a name the stack lacks stops the start.
   */
  outputEndpoints?: Readonly<Record<string, string>>;
  /** The time resolvers and Node.js functions' `Date` see (e.g. `adjustableClock()`); auth checks keep the machine's. */
  clock?: AppSyncServerOptions['clock'];
  log?: (line: string) => void;
  /** Called when a part dies while the stack runs (e.g. DynamoDB Local killed). */
  onFatal?: (error: Error) => void;
}

export interface LocalStack {
  endpoints: Endpoints;
  config: StackDescription;
  /** The first API's engine, for its request statistics (benchmarks) and reloads. */
  appsync: AppSyncServer;
  /** Every API's engine, by the API's logical id. */
  apis: ReadonlyMap<string, AppSyncServer>;
  /** The functions' runners and the on-failure destinations of their stream mappings. */
  functions: RunningFunctions;
  /** The local SES, when started (fault tests stop it; its mailbox is module state and outlives a restart on its port). */
  ses?: SesLocal;
  /** The local SNS for SMS, when started (its inbox: `sms.inbox()`, or `GET {endpoints.smsUrl}/store`). */
  sms?: SnsLocal;
  /**
   * Where the start-up went, in ms: `dynamodb`, `ses`, `sms` and `synth` run side by side (each its own time); then, one after
   * the other, `read` (the template), `tables`, `issuers and KMS`, `engines` (schema, code check, listen), `functions`,
   * `sidecars`.
   */
  startup: Record<string, number>;
  /**
   * Resolves once the stack has dealt with what was written before the call: every stream record delivered and its
   * invocation ended (retries included), the SNS → Lambda events those caused, and so on for what those wrote (see
   * {@link SettleOptions}). Each shard is read at once, whatever the pace. For tests that check something did not
   * happen: `await stack.settled()` instead of a fixed wait, which a slow machine can make too short.
   */
  settled(options?: SettleOptions): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the stack; resolves once every part serves. On failure, whatever started is stopped again. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  if (options.dynamodbLocal && (options.persist || options.ports?.dynamodb)) {
    throw new Error('dynamodbLocal supplies the stack\'s DynamoDB Local: it cannot be combined with persist or ports.dynamodb.');
  }
  const identity = localIdentity();
  const stoppers: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Stop in reverse order of start: consumers before the services they use.
    for (const stopPart of stoppers.reverse()) await stopPart().catch(() => {});
  };
  const startup: Record<string, number> = {};
  const timed = durationRecorder(startup);
  let phaseStarted = performance.now();
  /** Records the phase that ends now. */
  const phase = (name: string) => {
    const now = performance.now();
    startup[name] = Math.round(now - phaseStarted);
    phaseStarted = now;
  };
  // DynamoDB Local first: its JVM is the longest part of a start, and everything else can load and start beside it.
  const dynamodbStarting = timed('dynamodb', options.dynamodbLocal?.() ?? startDynamoDbLocal({
    port: options.ports?.dynamodb || undefined,
    dbPath: options.persist ? ensureDir(join(options.stateDir, 'dynamodb')) : undefined,
    jvm: options.dynamodbJvm,
  }));
  // Awaited below (allSettled); until then a failure must not count as an unhandled rejection.
  dynamodbStarting.catch(() => {});
  // Stopped last (stoppers run in reverse), whatever fails from here on, even before it answers.
  stoppers.push(() => dynamodbStarting.then((dynamodb) => dynamodb.stop(), () => {}));
  const sidecarsPrepared = Promise.all((options.sidecars ?? []).map(async (sidecar) => sidecar.prepare?.()));
  // Awaited before the sidecars start; a failure meanwhile must not count as an unhandled rejection.
  sidecarsPrepared.catch(() => {});
  // The synth (a process of its own) starts before the rest of the stack's modules load: on a first start it is the
  // longest part, and loading those modules takes about as long as the JVM's start.
  let synthesizing: Promise<StackReader> | undefined;
  try {
    mkdirSync(options.stateDir, { recursive: true });
    const { assertServesApi, prepareStack, resolveSource } = await import('./stack-source.ts');
    const source = resolveSource(options, options.stateDir);
    let synthesized = false;
    synthesizing = timed('synth', prepareStack(source)).finally(() => (synthesized = true));
    // Awaited below (allSettled); until then a failure must not count as an unhandled rejection.
    synthesizing.catch(() => {});
    const {
      createDynamoDbJsonClient, IamCredentialStore, withLocalUser, startKmsLocal, cognitoEndpoints, startCognitoLocal, startAppSyncServer, startSesLocal,
      startSnsLocal, createTables, startUserPoolIssuers, startFunctions, functionUrlPorts, startFunctionUrls,
      outputEndpoints, generateApiKeyValue, generateSecretValue, stableLocalValues, watchLocalStack, AsyncInvocations, assertPortFree, freePort, preloadLinter,
    } = await loadStackParts();
    // allSettled, not all: when one part fails, the parts that did start must still be stopped.
    // The functions' credentials, each an assumed-role session of the function's execution role (start-functions.ts).
    const functionPrincipals = new IamCredentialStore();
    // Lambda's asynchronous invocation, for what SNS topics deliver to their `lambda` subscriptions: retried twice,
    // then recorded in failed-events/async-on-failure.jsonl. Functions are found by name when a message arrives.
    const asyncInvocations = new AsyncInvocations({ failureFile: join(options.stateDir, 'failed-events', 'async-on-failure.jsonl'), log });
    const starting = [
      dynamodbStarting,
      options.ses === false
        ? Promise.resolve(undefined)
        : timed('ses', startSesLocal({ port: options.ports?.ses || undefined, sandboxVerifiedRecipient: options.ses?.sandboxVerifiedRecipient, region: identity.region, log })),
      // SNS (in process): the local user and the functions may publish; AppSync's HTTP data sources through the override.
      options.sms === false
        ? Promise.resolve(undefined)
        : timed('sms', startSnsLocal({
            deliverToLambda: (functionArn, event) => asyncInvocations.invoke(functionArn, event),
            log,
            ...options.sms,
            port: options.ports?.sms || undefined,
            region: identity.region,
            credentials: withLocalUser(identity.credentials, functionPrincipals),
          })),
      synthesizing,
    ] as const;
    // A synth still running takes seconds more, while this process waits: the linter loads meanwhile (~1.6 s), not
    // after it when the engines check the new code. A start that reuses its synth does not load it.
    if (!synthesized) setImmediate(() => synthesized || preloadLinter());
    const [dynamodbStart, sesStart, smsStart, preparation] = await Promise.allSettled(starting);
    phaseStarted = performance.now();
    for (const started of [sesStart, smsStart]) if (started.status === 'fulfilled' && started.value) stoppers.push(started.value.stop);
    const dynamodb = settledValue(dynamodbStart);
    const ses = settledValue(sesStart);
    const sms = settledValue(smsStart);
    let readStack = settledValue(preparation);
    dynamodb.process?.once('exit', (code) => {
      if (!stopped) options.onFatal?.(new Error(`DynamoDB Local stopped unexpectedly (exit code ${code}).`));
    });
    log(`DynamoDB Local on ${dynamodb.endpoint}${ses ? `, SES on ${ses.url}` : ''}${sms ? `, SMS (SNS) on ${sms.url}` : ''}, stack read from ${source.app ? 'the synthesized app' : source.template}`);

    // Each engine's address is part of the template's values (GraphQLUrl reaches functions that call the API), so the
    // ports are settled from a first read before the read the stack runs with. Stable values keep keys and secrets.
    const graphqlUrls = new Map<string, string>();
    // Function URLs likewise: their FunctionUrl attribute is their local address.
    let functionUrls = new Map<string, string>();
    const localValues: LocalValues = stableLocalValues({
      region: identity.region,
      accountId: identity.accountId,
      apiKeyValue: generateApiKeyValue,
      secretValue: generateSecretValue,
      graphqlUrl: (logicalId) => graphqlUrls.get(logicalId) ?? 'http://127.0.0.1:0/graphql',
      functionUrl: (logicalId) => functionUrls.get(logicalId) ?? 'http://127.0.0.1:0/',
    });
    const firstRead = readStack(localValues);
    assertServesApi(firstRead);
    const apiIds = firstRead.apis.map((api) => api.logicalId);
    functionUrls = await functionUrlPorts((firstRead.functionUrls ?? []).map((url) => url.logicalId));
    if (options.ports?.graphql) await assertPortFree(options.ports.graphql, 'GraphQL endpoint');
    for (const [index, logicalId] of apiIds.entries()) {
      const port = (index === 0 && options.ports?.graphql) || (await freePort());
      graphqlUrls.set(logicalId, `http://127.0.0.1:${port}/graphql`);
    }
    const config = readStack(localValues);
    // The template's topics, and its configuration sets publishing their events to them.
    sms?.setTemplateTopics(config.snsTopics ?? []);
    ses?.setConfigurationSets(config.sesConfigurationSets ?? [], sms?.publishToTopic);
    phase('read');

    // Before the services and engines, not beside them: the tables are the JVM's first requests, whose compilation
    // fills both cores. Measured side by side (warm restarts, 6 each way, with this client): the tables took 0.6–1.0 s
    // instead of 0.4, and no start was shorter.
    const client = createDynamoDbJsonClient({ endpoint: dynamodb.endpoint, region: identity.region, credentials: identity.credentials });
    await createTables(client, config.tables);
    client.destroy();
    phase('tables');

    // Cognito (in process), for the template's user pools: users sign in there (triggers run as the stack's functions),
    // the engine verifies their tokens against its keys, Admin* calls are signed by the local user or a function.
    const cognito = config.userPools?.length
      ? await startCognitoLocal({
          region: identity.region,
          credentials: withLocalUser(identity.credentials, functionPrincipals),
          pools: config.userPools,
          ...(options.persist ? { stateDir: ensureDir(join(options.stateDir, 'cognito')) } : {}),
        })
      : undefined;
    if (cognito) stoppers.push(cognito.stop);
    // Pools an API trusts that the template does not declare get a token issuer standing in for them.
    const userPools = await startUserPoolIssuers(config.apis, new Set(config.userPools?.map((pool) => pool.userPoolId)));
    stoppers.push(userPools.stop);
    const issuerOverrides = { ...userPools.overrides, ...cognito?.issuerOverrides(), ...options.issuerOverrides };

    // KMS (in process): the template's keys; the local user (and so AppSync's HTTP data sources) and the functions
    // may call it. AppSync signs for kms.<region>.amazonaws.com: the override forwards those calls unchanged.
    const kms = await startKmsLocal({
      region: identity.region,
      credentials: withLocalUser(identity.credentials, functionPrincipals),
      keys: config.kmsKeys ?? [],
      ...(options.persist ? { stateDir: ensureDir(join(options.stateDir, 'kms')) } : {}),
    });
    stoppers.push(kms.stop);
    const endpointOverrides = { [kms.awsEndpoint]: kms.url, ...(sms ? { [sms.awsEndpoint]: sms.url } : {}), ...options.endpointOverrides };
    phase('issuers and KMS');
    // The engines' writes and the functions' invocations set the stream pollers' pace (and wake them from the idle one).
    const pollTurns = new ShardPollTurns({ activeWindowMs: options.streamPolling?.activeWindowMs });
    // The functions that run: started below, and restarted by a reload (watch-stack.ts).
    let runningFunctions: RunningFunctions | undefined;
    const settled = (settleOptions?: SettleOptions) =>
      settleStack(
        {
          streams: async () => runningFunctions?.settled(),
          asyncInvocations: () => asyncInvocations.acceptedSettled(),
          activities: () => pollTurns.activities,
        },
        settleOptions,
      );
    const apis = new Map<string, AppSyncServer>();
    for (const api of config.apis) {
      const server = await startAppSyncServer({
        api,
        dynamodb: { endpoint: dynamodb.endpoint, region: identity.region, onWrite: () => pollTurns.activity() },
        region: identity.region,
        iamCredentials: identity.credentials,
        iamPrincipals: functionPrincipals,
        // AppSync signs an AWS_IAM HTTP data source's calls as its service role; locally, as the local user.
        httpDataSources: { signingCredentials: identity.credentials, endpointOverrides },
        issuerOverrides,
        port: portOf(graphqlUrls.get(api.logicalId)),
        clock: options.clock,
        settled: () => settled(),
      });
      stoppers.push(server.stop);
      apis.set(api.logicalId, server);
    }
    phase('engines');

    const functionOptions = {
      region: identity.region,
      credentials: identity.credentials,
      principals: functionPrincipals,
      endpoints: { dynamodb: dynamodb.endpoint, kms: kms.url, ...(ses ? { ses: ses.url } : {}), ...(sms ? { sns: sms.url } : {}), ...(cognito ? { cognito: cognito.url } : {}) },
      failureDir: ensureDir(join(options.stateDir, 'failed-events')),
      clock: options.clock,
      turns: pollTurns,
      streamPolling: options.streamPolling,
      log,
    };
    const functions = await startFunctions(config, functionOptions);
    stoppers.push(functions.stop);
    runningFunctions = functions;
    // Stopped before the functions (stoppers run in reverse): waiting retries are dropped, not failed.
    stoppers.push(async () => asyncInvocations.stop());
    const urls = await startFunctionUrls(config.functionUrls ?? [], {
      region: identity.region,
      credentials: withLocalUser(identity.credentials, functionPrincipals),
      log,
    });
    stoppers.push(urls.stop);
    phase('functions');
    if (options.watch && source.sources?.length) {
      const watcher = watchLocalStack({
        rootDir: source.appDir,
        sources: source.sources,
        loadConfig: async () => {
          readStack = await prepareStack(source);
          const next = readStack(localValues);
          // New keys of the template are created; existing ones keep their material.
          kms.addKeys(next.kmsKeys ?? []);
          sms?.setTemplateTopics(next.snsTopics ?? []);
          ses?.setConfigurationSets(next.sesConfigurationSets ?? [], sms?.publishToTopic);
          // Pools keep their users and keys; a pool added while no Cognito runs needs a restart.
          cognito?.setPools(next.userPools ?? []);
          return next;
        },
        config,
        apis,
        functions,
        log,
        startFunctions: async (next) => (runningFunctions = await startFunctions(next, functionOptions)),
      });
      stoppers.push(watcher.stop);
    }

    const endpoints = endpointsOf(config.apis, apis, {
      region: identity.region,
      dynamodbUrl: dynamodb.endpoint,
      ...(ses ? { sesUrl: ses.url } : {}),
      ...(sms ? { smsUrl: sms.url } : {}),
      kmsUrl: kms.url,
      ...(cognito ? { cognito: cognitoEndpoints(cognito, config.userPools ?? []) } : {}),
      ...(userPools.pools.length > 0 ? { userPools: userPools.pools } : {}),
      // A copy of only the keys: the SDK clients given the credentials object mark it (`$source`).
      iam: { accessKeyId: identity.credentials.accessKeyId, secretAccessKey: identity.credentials.secretAccessKey },
      outputs: config.outputs ?? {},
    });
    Object.assign(endpoints, outputEndpoints(endpoints.outputs, options.outputEndpoints));
    await sidecarsPrepared;
    for (const sidecar of options.sidecars ?? []) {
      const started = await sidecar.start({ endpoints, config });
      stoppers.push(started.stop);
      Object.assign(endpoints, started.endpoints);
      log(`${sidecar.name} started`);
    }
    phase('sidecars');
    const [first] = apis.values();
    if (!first) throw new Error('unreachable: the stack has an API');
    return { endpoints, config, appsync: first, apis, functions, ...(ses ? { ses } : {}), ...(sms ? { sms } : {}), startup, settled, stop };
  } catch (error) {
    // A synth still running would go on writing into the state folder after the start failed.
    await synthesizing?.catch(() => {});
    await stop();
    throw error;
  }
}

/** The endpoints file: the first API's URLs at the top level (the one-API form), every API under `apis` by name. */
function endpointsOf(
  configs: readonly ApiConfig[],
  servers: ReadonlyMap<string, AppSyncServer>,
  rest: Pick<Endpoints, 'region' | 'dynamodbUrl' | 'sesUrl' | 'smsUrl' | 'kmsUrl' | 'cognito' | 'userPools' | 'iam' | 'outputs'>,
): Endpoints {
  const apis: Record<string, ApiEndpoints> = {};
  for (const api of configs) {
    const server = servers.get(api.logicalId);
    if (!server) continue;
    const apiKey = api.apiKeys[0]?.id;
    apis[api.name] = { graphqlUrl: server.graphqlUrl, realtimeUrl: realtimeUrlOf(server.graphqlUrl), ...(apiKey ? { apiKey } : {}) };
  }
  const [first] = Object.values(apis);
  if (!first) throw new Error('The stack has no AppSync API to serve.');
  return { ...first, ...rest, settleUrl: new URL(SETTLE_PATH, first.graphqlUrl).href, apis };
}

function portOf(url: string | undefined): number {
  return Number(new URL(url ?? 'http://127.0.0.1:0').port);
}

function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
