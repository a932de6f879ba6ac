import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSourceMappingConfig, LambdaFunctionConfig, QueueConfig } from '../stack-description.ts';
import { describeRuntime, RUNNABLE_RUNTIMES_TEXT, runtimeFamily } from '../lambda/runtimes.ts';
import { objectKeyOf } from './assets.ts';
import type { AssetSource } from './assets.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import { numberOr, stringRecord } from './property-values.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** Lambda's defaults when the template leaves a property out. */
const FUNCTION_DEFAULTS = { timeoutSeconds: 3, memorySize: 128 } as const;

/** The file CloudFormation puts inline (`Code.ZipFile`) code in, per runtime family. */
const INLINE_FILE = { nodejs: 'index.js', python: 'index.py' } as const;

/**
 * AWS::Lambda::Function of a runtime the local stack runs (map-functions.ts decides which) → {@link LambdaFunctionConfig}.
 * Code comes from an asset directory (`Code.S3Key`) or inline `Code.ZipFile`, which is written to
 * `<workDir>/inline-code/<logicalId>/index.js` (Python: `index.py`, as CloudFormation names it) so both look alike.
 */
export function toLambdaFunctionConfig(
  resource: NamedResource,
  scope: StackScope,
  assets: Map<string, AssetSource>,
  workDir: string,
): LambdaFunctionConfig {
  const id = resource.logicalId;
  const properties = resource.Properties ?? {};
  const code = (properties.Code ?? {}) as Record<string, unknown>;
  const runtime = properties.Runtime === undefined ? undefined : evaluateString(properties.Runtime, scope, `${id}.Runtime`);
  const family = runtimeFamily(runtime);
  if (!runtime || !family) {
    throw new Error(`Lambda function ${id}: ${describeRuntime(runtime)} cannot run locally (${RUNNABLE_RUNTIMES_TEXT} only)`);
  }
  let codeDir: string;
  if (code.ZipFile !== undefined) {
    codeDir = join(workDir, 'inline-code', id);
    mkdirSync(codeDir, { recursive: true });
    writeFileSync(join(codeDir, INLINE_FILE[family]), evaluateString(code.ZipFile, scope, `${id}.Code.ZipFile`));
  } else {
    const key = objectKeyOf(evaluateString(code.S3Key, scope, `${id}.Code.S3Key`));
    const asset = assets.get(key);
    if (!asset || asset.packaging !== 'zip') {
      throw new Error(`Lambda function ${id}: code ${key} is not a directory asset of the cloud assembly`);
    }
    codeDir = asset.path;
  }
  const environment = evaluate((properties.Environment as { Variables?: unknown } | undefined)?.Variables ?? {}, scope);
  return {
    logicalId: id,
    name: evaluateString({ Ref: id }, scope, id),
    handler: evaluateString(properties.Handler, scope, `${id}.Handler`),
    codeDir,
    runtime,
    environment: stringRecord(environment, `${id}.Environment.Variables`),
    timeoutSeconds: numberOr(evaluate(properties.Timeout, scope), FUNCTION_DEFAULTS.timeoutSeconds),
    memorySize: numberOr(evaluate(properties.MemorySize, scope), FUNCTION_DEFAULTS.memorySize),
    ...(properties.Role === undefined ? {} : { roleArn: evaluateString(properties.Role, scope, `${id}.Role`) }),
  };
}

/** AWS::Lambda::EventSourceMapping (DynamoDB stream source) → {@link EventSourceMappingConfig}. */
export function toEventSourceMappingConfig(resource: NamedResource, scope: StackScope): EventSourceMappingConfig {
  const id = resource.logicalId;
  const p = resource.Properties ?? {};
  const what = `Event source mapping ${id}`;
  const filterCriteria = evaluate(p.FilterCriteria, scope) as { Filters?: { Pattern: string }[] } | undefined;
  const destination = (p.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
  const responseTypes = (evaluate(p.FunctionResponseTypes, scope) ?? []) as string[];
  const startingPosition = evaluate(p.StartingPosition, scope);
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw new Error(`${what}: StartingPosition ${JSON.stringify(startingPosition)} is not supported locally`);
  }
  return {
    logicalId: id,
    functionLogicalId: scope.identify(p.FunctionName, 'AWS::Lambda::Function', `${what}.FunctionName`),
    tableLogicalId: scope.identify(p.EventSourceArn, 'AWS::DynamoDB::Table', `${what}.EventSourceArn`),
    // Lambda's defaults for stream sources.
    batchSize: numberOr(evaluate(p.BatchSize, scope), 100),
    maximumBatchingWindowInSeconds: numberOr(evaluate(p.MaximumBatchingWindowInSeconds, scope), 0),
    startingPosition,
    maximumRetryAttempts: numberOr(evaluate(p.MaximumRetryAttempts, scope), -1),
    maximumRecordAgeInSeconds: numberOr(evaluate(p.MaximumRecordAgeInSeconds, scope), -1),
    bisectBatchOnFunctionError: evaluate(p.BisectBatchOnFunctionError, scope) === true,
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    filterPatterns: (filterCriteria?.Filters ?? []).map((filter) => filter.Pattern),
    ...(destination === undefined
      ? {}
      : { onFailureQueueLogicalId: scope.identify(destination, 'AWS::SQS::Queue', `${what} on-failure destination`) }),
    enabled: evaluate(p.Enabled, scope) !== false,
  };
}

/** AWS::SQS::Queue → {@link QueueConfig}. */
export function toQueueConfig(resource: NamedResource, scope: StackScope): QueueConfig {
  return { logicalId: resource.logicalId, name: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId) };
}
