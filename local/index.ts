/**
 * appsync-local: runs any CDK app's or CloudFormation template's AWS AppSync APIs offline. The `appsync-local`
 * command (cli/) is built on these; tests and tools start a stack, or one engine, directly.
 */
export { defineConfig, type AppSyncLocalConfig } from './cli/config.ts';
export { describeStartup } from './cli/startup-summary.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.ts';
export type { StreamPolling } from './start-functions.ts';
export type { SettleOptions } from './settle-stack.ts';
export type { StackSource } from './stack-source.ts';
export type { Sidecar, StartedSidecar } from './sidecar.ts';
export type { ApiEndpoints, CognitoEndpoints, Endpoints } from './endpoints.ts';
export type * from './stack-description.ts';
export type { AppSyncServer, AppSyncServerOptions, AppSyncServerStats } from './appsync/server.ts';
export { adjustableClock, type AdjustableClock, type Clock } from './appsync/runtime/clock.ts';
export { readStack } from './template/read-stack.ts';
export type { SynthesizeOptions } from './template/synth.ts';
export { readTemplateFile } from './template/template-file.ts';
export type { SesLocal, SesLocalOptions } from './services/ses-local.ts';
export type { SnsLocal, SnsLocalOptions } from './services/sns-local/sns-local.ts';
export type { FailedSmsDelivery, InboxSnapshot as SmsInboxSnapshot, SmsMessage } from './services/sns-local/inbox.ts';
export type { SnsLambdaEvent } from './services/sns-local/lambda-notification.ts';
export type { SesEventRecord, SesMail } from './services/ses-events/event-records.ts';
export type { AsyncInvocationRecord } from './lambda/async-invocations.ts';
export type { CognitoLocal, CognitoLocalOptions, SentMessage } from './services/cognito-local/index.ts';
export { startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalEndpoint } from './services/dynamodb-local.ts';
// DynamoDB Local JVMs shared by a test run's stacks (a runner's global set-up starts the pool; workers lease).
export { startDynamoDbLocalPool, leaseDynamoDbLocal, type DynamoDbLocalPool, type DynamoDbLocalPoolOptions } from './services/dynamodb-local-pool.ts';
export { writeClassArchive, type ClassArchiveTraining } from './services/dynamodb-local-archive-training.ts';
// One Lambda function in its own process, as the stack runs each (a function's tests drive it alone).
export { createFunctionRunner, type FunctionRunner, type InvokeOutcome } from './lambda/function-runner.ts';
export type { LocalOidcIssuer } from './appsync/auth/local-issuer/issuer-server.ts';
export { freePort, assertPortFree } from './util/free-port.ts';

// Building blocks for tools that check the engine's work against the same work done directly (bench/floor-check.ts).
export { loadModule } from './appsync/runtime/load-module.ts';
export type { ResolverContext } from './appsync/runtime/types.ts';
export { toAttributeMap } from './appsync/data-sources/dynamodb/attribute-values.ts';
export { mergeExpressionAttributes, type ExpressionObject } from './appsync/data-sources/dynamodb/expressions.ts';
export type { DynamoDbStatsSnapshot } from './appsync/data-sources/dynamodb/stats.ts';

// The starters below load their modules on their first call. Importing the package (a config file does, for
// defineConfig) must not cost the second of module loading they add up to before `appsync-local start` has spawned
// DynamoDB Local's JVM: stack.ts loads them once it has, beside the JVM's start.
export const startAppSyncServer: typeof import('./appsync/server.ts').startAppSyncServer = async (options) =>
  (await import('./appsync/server.ts')).startAppSyncServer(options);
export const synthesize: typeof import('./template/synth.ts').synthesize = async (options) => (await import('./template/synth.ts')).synthesize(options);
export const startSesLocal: typeof import('./services/ses-local.ts').startSesLocal = async (options) =>
  (await import('./services/ses-local.ts')).startSesLocal(options);
export const startSnsLocal: typeof import('./services/sns-local/sns-local.ts').startSnsLocal = async (options) =>
  (await import('./services/sns-local/sns-local.ts')).startSnsLocal(options);
export const startCognitoLocal: typeof import('./services/cognito-local/index.ts').startCognitoLocal = async (options) =>
  (await import('./services/cognito-local/index.ts')).startCognitoLocal(options);
export const startLocalOidcIssuer: typeof import('./appsync/auth/local-issuer/issuer-server.ts').startLocalOidcIssuer = async (options) =>
  (await import('./appsync/auth/local-issuer/issuer-server.ts')).startLocalOidcIssuer(options);
