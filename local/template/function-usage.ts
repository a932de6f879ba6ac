/**
 * Who uses each Lambda function of a template: what invokes it while the stack runs (enabled DynamoDB-stream event
 * source mappings, AppSync AWS_LAMBDA data sources, AppSync Lambda authorizers, Function URLs, SNS `lambda`
 * subscriptions) and what uses it only at deploy time
 * (CloudFormation custom resources). Decides which functions the local stack must run (map-functions.ts).
 *
 * Deploy time: a function named in the `ServiceToken` of an `AWS::CloudFormation::CustomResource` or `Custom::*`
 * resource, and everything such a function points at, followed through functions and Step Functions state machines.
 * That covers CDK's helpers however they are wired: the provider framework (framework-onEvent → the user's onEvent
 * and isComplete handlers through its environment, → its waiter state machine → framework-isComplete/onTimeout),
 * log retention, bucket notifications, auto-delete-objects, bucket deployments and AwsCustomResource.
 */
import { evaluate } from './intrinsics.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { referencedIds } from './references.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** How one function is used. */
export interface FunctionUsage {
  /** Logical ids of the enabled DynamoDB-stream event source mappings that invoke it. */
  streamMappings: string[];
  /** Logical ids of the AppSync data sources that invoke it. */
  dataSources: string[];
  /**
   * The AppSync APIs that call it as their Lambda authorizer (`LambdaAuthorizerConfig.AuthorizerUri` of the default
   * mode or of an additional provider), e.g. `AppSync API Api`.
   */
  authorizers: string[];
  /** Logical ids of the AWS::Lambda::Url resources that invoke it (its Function URLs). */
  functionUrls: string[];
  /** The SNS topics that invoke it through a `lambda` subscription (AWS::SNS::Subscription or a topic's own list). */
  topicSubscriptions: string[];
  /** The custom resources that use it at deploy time, e.g. `Custom::Seed SeedData` (directly or through a handler). */
  deployTime: string[];
}

/** Resource types a deploy-time handler reaches its helpers through. */
const FOLLOWED_TYPES = new Set(['AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine']);

/** The usage of every AWS::Lambda::Function of the stack, by logical id (unused functions have empty lists). */
export function functionUsage(scope: StackScope): Map<string, FunctionUsage> {
  const usage = new Map<string, FunctionUsage>();
  for (const resource of scope.resources) {
    if (resource.Type === 'AWS::Lambda::Function') usage.set(resource.logicalId, emptyUsage());
  }
  for (const resource of scope.resources) {
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      const target = streamMappingTarget(resource, scope);
      if (target) usage.get(target)?.streamMappings.push(resource.logicalId);
    } else if (resource.Type === 'AWS::AppSync::DataSource') {
      const target = dataSourceTarget(resource, scope);
      if (target) usage.get(target)?.dataSources.push(resource.logicalId);
    } else if (resource.Type === 'AWS::Lambda::Url') {
      const target = safely(() => resolveFunctionReference(resource.Properties?.TargetFunctionArn, scope))?.logicalId;
      if (target) usage.get(target)?.functionUrls.push(resource.logicalId);
    } else if (resource.Type === 'AWS::SNS::Subscription' || resource.Type === 'AWS::SNS::Topic') {
      for (const { topic, target } of subscribedFunctions(resource, scope)) usage.get(target)?.topicSubscriptions.push(topic);
    } else if (resource.Type === 'AWS::AppSync::GraphQLApi') {
      for (const target of authorizerTargets(resource, scope)) usage.get(target)?.authorizers.push(`AppSync API ${resource.logicalId}`);
    } else if (isCustomResource(resource)) {
      markDeployTime(resource, scope, usage);
    }
  }
  return usage;
}

/** The usage of a function nothing uses. */
export function emptyUsage(): FunctionUsage {
  return { streamMappings: [], dataSources: [], authorizers: [], functionUrls: [], topicSubscriptions: [], deployTime: [] };
}

/** A CloudFormation custom resource: its ServiceToken's handler runs when the stack is created, updated or deleted. */
function isCustomResource(resource: NamedResource): boolean {
  return resource.Type === 'AWS::CloudFormation::CustomResource' || resource.Type.startsWith('Custom::');
}

/** Marks the ServiceToken's function and everything it reaches as used by `custom` at deploy time. */
function markDeployTime(custom: NamedResource, scope: StackScope, usage: Map<string, FunctionUsage>): void {
  const label = `${custom.Type} ${custom.logicalId}`;
  const visited = new Set<string>();
  const pending = [...referencedIds(custom.Properties?.ServiceToken)];
  while (pending.length > 0) {
    const id = pending.pop()!;
    const resource = scope.resources.find((candidate) => candidate.logicalId === id);
    if (visited.has(id) || !resource || !FOLLOWED_TYPES.has(resource.Type)) continue;
    visited.add(id);
    usage.get(id)?.deployTime.push(label);
    pending.push(...referencedIds(resource.Properties));
  }
}

/** The function an enabled mapping from a DynamoDB table's stream invokes (other sources are not polled locally). */
function streamMappingTarget(mapping: NamedResource, scope: StackScope): string | undefined {
  const p = mapping.Properties ?? {};
  if (safely(() => evaluate(p.Enabled, scope)) === false) return undefined;
  const fromTable = safely(() => scope.identify(p.EventSourceArn, 'AWS::DynamoDB::Table', mapping.logicalId));
  return fromTable ? safely(() => resolveFunctionReference(p.FunctionName, scope))?.logicalId : undefined;
}

/** The function an AWS_LAMBDA data source invokes. */
function dataSourceTarget(dataSource: NamedResource, scope: StackScope): string | undefined {
  const p = dataSource.Properties ?? {};
  if (safely(() => evaluate(p.Type, scope)) !== 'AWS_LAMBDA') return undefined;
  const arn = (p.LambdaConfig as { LambdaFunctionArn?: unknown } | undefined)?.LambdaFunctionArn;
  return safely(() => resolveFunctionReference(arn, scope))?.logicalId;
}

/** The functions a `lambda` subscription (a Subscription resource, or a topic's own `Subscription` list) invokes. */
function subscribedFunctions(resource: NamedResource, scope: StackScope): { topic: string; target: string }[] {
  const p = resource.Properties ?? {};
  const entries = resource.Type === 'AWS::SNS::Topic' ? safely(() => evaluate(p.Subscription, scope)) : [p];
  if (!Array.isArray(entries)) return [];
  const topic = resource.Type === 'AWS::SNS::Topic' ? `SNS topic ${resource.logicalId}` : `SNS subscription ${resource.logicalId}`;
  return entries.flatMap((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return [];
    const { Protocol, Endpoint } = entry as { Protocol?: unknown; Endpoint?: unknown };
    if (String(safely(() => evaluate(Protocol, scope))).toLowerCase() !== 'lambda') return [];
    const target = safely(() => resolveFunctionReference(Endpoint, scope))?.logicalId;
    return target ? [{ topic, target }] : [];
  });
}

/** The functions an API calls as Lambda authorizers: its default mode's and its additional providers'. */
function authorizerTargets(api: NamedResource, scope: StackScope): string[] {
  const p = api.Properties ?? {};
  const additional = safely(() => evaluate(p.AdditionalAuthenticationProviders, scope));
  const providers = [p, ...(Array.isArray(additional) ? additional : [])] as Record<string, unknown>[];
  const targets = providers.map((provider) => {
    if (safely(() => evaluate(provider.AuthenticationType, scope)) !== 'AWS_LAMBDA') return undefined;
    const config = safely(() => evaluate(provider.LambdaAuthorizerConfig, scope)) as { AuthorizerUri?: unknown } | undefined;
    return safely(() => resolveFunctionReference(config?.AuthorizerUri, scope))?.logicalId;
  });
  return [...new Set(targets.filter((target) => target !== undefined))];
}

/**
 * `read()`, or undefined when it throws. Usage is a best-effort index: a reference it cannot resolve is reported,
 * naming the resource, by the mapper that reads that resource for real.
 */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
