/**
 * Decides, for each AWS::Lambda::Function of the stack, whether the local stack runs it:
 * - used only at deploy time (custom resources, CDK's helpers): skipped, whatever its runtime;
 * - a runtime the local stack runs (Node.js, Python): run;
 * - any other runtime, or a container image: refused when a DynamoDB stream invokes it (records would have nowhere to
 *   go) or an API calls it as its Lambda authorizer (every token would be denied), skipped otherwise (an AppSync data
 *   source that invokes it makes its fields answer UnsupportedDataSource).
 */
import type { LambdaFunctionConfig, SkippedFunctionConfig } from '../stack-description.ts';
import { describeRuntime, RUNNABLE_RUNTIMES_TEXT, runtimeFamily } from '../lambda/runtimes.ts';
import type { AssetSource } from './assets.ts';
import { emptyUsage, functionUsage, type FunctionUsage } from './function-usage.ts';
import { evaluateString } from './intrinsics.ts';
import { toLambdaFunctionConfig } from './map-lambda.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** The functions to run and the ones skipped, with why. */
export interface FunctionSelection {
  functions: LambdaFunctionConfig[];
  skippedFunctions: SkippedFunctionConfig[];
}

/**
 * Maps the stack's functions.
 * @param workDir where inline (`Code.ZipFile`) code is written, one folder per function.
 * @throws Error naming the function, its runtime and the mapping, for a stream-invoked function that cannot run.
 */
export function toLambdaFunctionConfigs(scope: StackScope, assets: Map<string, AssetSource>, workDir: string): FunctionSelection {
  const usages = functionUsage(scope);
  const selection: FunctionSelection = { functions: [], skippedFunctions: [] };
  for (const resource of scope.resources.filter((candidate) => candidate.Type === 'AWS::Lambda::Function')) {
    const usage = usages.get(resource.logicalId) ?? emptyUsage();
    const skipped = skipReason(resource, usage, scope);
    if (skipped) selection.skippedFunctions.push(skipped);
    else selection.functions.push(toLambdaFunctionConfig(resource, scope, assets, workDir));
  }
  return selection;
}

function skipReason(resource: NamedResource, usage: FunctionUsage, scope: StackScope): SkippedFunctionConfig | undefined {
  const id = resource.logicalId;
  const invoked = usage.streamMappings.length > 0 || usage.dataSources.length > 0 || usage.authorizers.length > 0 || usage.functionUrls.length > 0 || usage.topicSubscriptions.length > 0;
  if (!invoked && usage.deployTime.length > 0) {
    // Its code never runs while the stack serves requests; it is not even read (its asset may be a Python zip), and
    // its properties are read leniently (CDK's providers pick their runtime with Fn::FindInMap per region).
    const runtime = leniently(() => runtimeOf(resource, scope));
    return {
      logicalId: id,
      name: leniently(() => evaluateString({ Ref: id }, scope, id)) ?? id,
      ...(runtime === undefined ? {} : { runtime }),
      reason: 'deploy-time',
      detail: `used only at deploy time, by ${usage.deployTime.join(', ')}`,
    };
  }
  const runtime = runtimeOf(resource, scope);
  if (runtimeFamily(runtime)) return undefined;
  const name = evaluateString({ Ref: id }, scope, id);
  const [mapping] = usage.streamMappings;
  const [api] = usage.authorizers;
  const needed = mapping ? `event source mapping ${mapping} invokes it from a DynamoDB stream` : api && `${api} calls it as its Lambda authorizer`;
  if (needed) {
    throw new Error(
      `Lambda function ${id} (${name}) runs on ${describeRuntime(runtime)}, which the local stack cannot run ` +
        `(${RUNNABLE_RUNTIMES_TEXT} only), and ${needed}: the stack cannot run locally.`,
    );
  }
  const detail =
    usage.dataSources.length > 0
      ? `${describeRuntime(runtime)} cannot run locally; fields of AppSync data source ${usage.dataSources.join(', ')} answer UnsupportedDataSource`
      : usage.functionUrls.length > 0
        ? `${describeRuntime(runtime)} cannot run locally; Function URL ${usage.functionUrls.join(', ')} answers 502`
        : usage.topicSubscriptions.length > 0
          ? `${describeRuntime(runtime)} cannot run locally; what ${usage.topicSubscriptions.join(', ')} publishes to it is not delivered`
          : `${describeRuntime(runtime)} cannot run locally, and nothing in the local stack invokes it`;
  return { logicalId: id, name, ...(runtime === undefined ? {} : { runtime }), reason: 'unsupported-runtime', detail };
}

/** The template's Runtime; undefined for container images. */
function runtimeOf(resource: NamedResource, scope: StackScope): string | undefined {
  const runtime = resource.Properties?.Runtime;
  return runtime === undefined ? undefined : evaluateString(runtime, scope, `${resource.logicalId}.Runtime`);
}

/** `read()`, or undefined when it throws (for what is only reported, never run). */
function leniently<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
