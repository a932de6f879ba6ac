/**
 * appsync-local: runs any CDK app's or CloudFormation template's AWS AppSync APIs offline. The `appsync-local`
 * command (cli/) is built on these; tests and tools start a stack, or one engine, directly.
 */
export { defineConfig, type AppSyncLocalConfig } from './cli/config.ts';
export { describeStartup } from './cli/startup-summary.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.ts';
export type { StackSource } from './stack-source.ts';
export type { Sidecar, StartedSidecar } from './sidecar.ts';
export type { ApiEndpoints, CognitoEndpoints, Endpoints } from './endpoints.ts';
export type * from './stack-description.ts';
export { startAppSyncServer, type AppSyncServer, type AppSyncServerOptions } from './appsync/server.ts';
export { adjustableClock, type AdjustableClock, type Clock } from './appsync/runtime/clock.ts';
export { readStack } from './template/read-stack.ts';
export { synthesize, type SynthesizeOptions } from './template/synth.ts';
export { readTemplateFile } from './template/template-file.ts';
export { startSesLocal, type SesLocal, type SesLocalOptions } from './services/ses-local.ts';
export { startSnsLocal, type SnsLocal, type SnsLocalOptions } from './services/sns-local/sns-local.ts';
export type { FailedSmsDelivery, InboxSnapshot as SmsInboxSnapshot, SmsMessage } from './services/sns-local/inbox.ts';
export type { SnsLambdaEvent } from './services/sns-local/lambda-notification.ts';
export type { SesEventRecord, SesMail } from './services/ses-events/event-records.ts';
export type { AsyncInvocationRecord } from './lambda/async-invocations.ts';
export { startCognitoLocal, type CognitoLocal, type CognitoLocalOptions, type SentMessage } from './services/cognito-local/index.ts';
export { startDynamoDbLocal, type DynamoDbLocal } from './services/dynamodb-local.ts';
// One Lambda function in its own process, as the stack runs each (a function's tests drive it alone).
export { createFunctionRunner, type FunctionRunner, type InvokeOutcome } from './lambda/function-runner.ts';
export { startLocalOidcIssuer, type LocalOidcIssuer } from './appsync/auth/local-issuer/issuer-server.ts';
export { freePort, assertPortFree } from './util/free-port.ts';

// Building blocks for tools that check the engine's work against the same work done directly (bench/floor-check.ts).
export { loadModule } from './appsync/runtime/load-module.ts';
export type { ResolverContext } from './appsync/runtime/types.ts';
export { toAttributeMap } from './appsync/data-sources/dynamodb/attribute-values.ts';
export { mergeExpressionAttributes, type ExpressionObject } from './appsync/data-sources/dynamodb/expressions.ts';
export type { DynamoDbStatsSnapshot } from './appsync/data-sources/dynamodb/stats.ts';
