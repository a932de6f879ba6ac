/**
 * AWS::AppSync::DataSource → {@link DataSourceConfig}. Every type AppSync has loads: AMAZON_DYNAMODB, NONE and
 * AWS_LAMBDA run locally; the others (HTTP, OpenSearch/Elasticsearch, EventBridge, RDS, Bedrock) and Lambda data
 * sources whose function cannot run here carry an `unsupported` error that their fields answer.
 */
import type { DataSourceConfig, UnsupportedDataSourceType, UnsupportedFeature } from '../config.ts';
import { describeRuntime, RUNNABLE_RUNTIMES_TEXT, runtimeFamily } from '../lambda/runtimes.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** The types that load without running; a field using one answers UnsupportedDataSource. */
const UNSUPPORTED_TYPES: readonly UnsupportedDataSourceType[] = [
  'HTTP',
  'AMAZON_OPENSEARCH_SERVICE',
  'AMAZON_ELASTICSEARCH',
  'AMAZON_EVENTBRIDGE',
  'RELATIONAL_DATABASE',
  'AMAZON_BEDROCK_RUNTIME',
];

/** What the local engine runs, as the errors list it. */
const RUNNABLE_TYPES_TEXT = 'AMAZON_DYNAMODB, AWS_LAMBDA and NONE';

/** The error every field using data source `name` of `type` answers. */
export function unsupportedDataSource(name: string, type: string, reason: string): UnsupportedFeature {
  return { errorType: 'UnsupportedDataSource', message: `Data source ${name} (${type}) is not supported locally yet: ${reason}` };
}

/**
 * Maps one data source.
 * @throws Error for a Type AppSync does not have (CloudFormation would refuse the template too).
 */
export function toDataSourceConfig(resource: NamedResource, scope: StackScope): DataSourceConfig {
  const p = resource.Properties ?? {};
  const name = evaluateString(p.Name, scope, `${resource.logicalId}.Name`);
  const type = evaluate(p.Type, scope);
  if (type === 'NONE') return { name, type };
  if (type === 'AMAZON_DYNAMODB') {
    const config = (p.DynamoDBConfig ?? {}) as { TableName?: unknown };
    return { name, type, tableName: evaluateString(config.TableName, scope, `${resource.logicalId}.DynamoDBConfig.TableName`) };
  }
  if (type === 'AWS_LAMBDA') return toLambdaDataSource(resource, name, scope);
  const unsupported = UNSUPPORTED_TYPES.find((candidate) => candidate === type);
  if (unsupported) {
    return { name, type: unsupported, unsupported: unsupportedDataSource(name, unsupported, `the local engine runs ${RUNNABLE_TYPES_TEXT} data sources`) };
  }
  throw new Error(`AppSync data source ${resource.logicalId} (${name}): ${JSON.stringify(type)} is not an AppSync data source type`);
}

function toLambdaDataSource(resource: NamedResource, name: string, scope: StackScope): DataSourceConfig {
  const what = `${resource.logicalId}.LambdaConfig.LambdaFunctionArn`;
  const arn = (resource.Properties?.LambdaConfig as { LambdaFunctionArn?: unknown } | undefined)?.LambdaFunctionArn;
  const reference = resolveFunctionReference(arn, scope);
  if (!reference) throw new Error(`AppSync data source ${resource.logicalId} (${name}): ${what} is not a string`);
  const base = { name, type: 'AWS_LAMBDA' as const, functionName: reference.name, functionArn: reference.text };
  if (!reference.logicalId) {
    return { ...base, unsupported: unsupportedDataSource(name, 'AWS_LAMBDA', `Lambda function ${reference.name} is not part of this stack`) };
  }
  const runtimeValue = scope.resource(reference.logicalId).Properties?.Runtime;
  const runtime = runtimeValue === undefined ? undefined : evaluateString(runtimeValue, scope, `${reference.logicalId}.Runtime`);
  if (!runtimeFamily(runtime)) {
    const reason = `Lambda function ${reference.name} runs on ${describeRuntime(runtime)}, and the local stack runs ${RUNNABLE_RUNTIMES_TEXT} functions only`;
    return { ...base, unsupported: unsupportedDataSource(name, 'AWS_LAMBDA', reason) };
  }
  return base;
}
