/**
 * AWS::AppSync::DataSource → {@link DataSourceConfig}. Every type AppSync has loads: AMAZON_DYNAMODB, NONE, AWS_LAMBDA
 * and HTTP run locally; the others (OpenSearch/Elasticsearch, EventBridge, RDS, Bedrock), Lambda data sources whose
 * function cannot run here and HTTP data sources whose endpoint is a resource that does not run here carry an error
 * that their fields answer.
 */
import type { DataSourceConfig, HttpDataSourceConfig, UnsupportedDataSourceType, UnsupportedFeature } from '../stack-description.ts';
import { describeRuntime, RUNNABLE_RUNTIMES_TEXT, runtimeFamily } from '../lambda/runtimes.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { evaluate, evaluateString, IntrinsicError } from './intrinsics.ts';
import { describeRemoteResource, remoteResourceOf } from './remote-endpoint.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** The types that load without running; a field using one answers UnsupportedDataSource. */
const UNSUPPORTED_TYPES: readonly UnsupportedDataSourceType[] = [
  'AMAZON_OPENSEARCH_SERVICE',
  'AMAZON_ELASTICSEARCH',
  'AMAZON_EVENTBRIDGE',
  'RELATIONAL_DATABASE',
  'AMAZON_BEDROCK_RUNTIME',
];

/** What the local engine runs, as the errors list it. */
const RUNNABLE_TYPES_TEXT = 'AMAZON_DYNAMODB, AWS_LAMBDA, HTTP and NONE';

/** The error every field using data source `name` of `type` answers. */
function unsupportedDataSource(name: string, type: string, reason: string): UnsupportedFeature {
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
  if (type === 'HTTP') return toHttpDataSource(resource, name, scope);
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

/** `<service>.<region>.amazonaws.com` (or `.amazonaws.com.cn`): the SigV4 scope an AWS endpoint's host implies. */
function scopeOfAwsHost(hostname: string): { region: string; service: string } | undefined {
  const match = /^([a-z0-9-]+)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/.exec(hostname);
  return match ? { service: match[1]!, region: match[2]! } : undefined;
}

/**
 * HttpConfig `{ Endpoint, AuthorizationConfig? }` and ServiceRoleArn. An Endpoint that is a resource of this stack
 * without a local counterpart (remote-endpoint.ts) is marked `remoteEndpoint`: its fields answer UnsupportedDataSource
 * unless an endpoint override covers its origin; when the local stack has no value for that resource's attribute at
 * all, the data source is `unsupported` outright.
 * @throws Error for an Endpoint that is not an http(s) URL or an AuthorizationType AppSync does not have (AppSync
 *   refuses both when the data source is created).
 */
function toHttpDataSource(resource: NamedResource, name: string, scope: StackScope): HttpDataSourceConfig {
  const id = resource.logicalId;
  const p = resource.Properties ?? {};
  // Read part by part: the Endpoint may name an attribute the local stack has no value for (a whole HttpConfig built
  // by an intrinsic, e.g. Fn::If, is evaluated first).
  const raw = p.HttpConfig;
  const plain = raw !== null && typeof raw === 'object' && 'Endpoint' in raw;
  const httpConfig = ((plain ? raw : evaluate(raw, scope)) ?? {}) as { Endpoint?: unknown; AuthorizationConfig?: unknown };
  const roleArn = p.ServiceRoleArn === undefined ? undefined : evaluateString(p.ServiceRoleArn, scope, `${id}.ServiceRoleArn`);
  const role = roleArn === undefined ? {} : { serviceRoleArn: roleArn };
  const remote = remoteResourceOf(httpConfig.Endpoint, scope);
  const remoteReason = remote && `its endpoint is ${describeRemoteResource(remote)}, which does not run locally`;
  let endpointText: string;
  try {
    endpointText = evaluateString(httpConfig.Endpoint, scope, `${id}.HttpConfig.Endpoint`);
  } catch (error) {
    if (!remoteReason || !(error instanceof IntrinsicError)) throw error;
    const reason = `${remoteReason} (and the local stack has no value for it that an endpoint override could match)`;
    return { name, type: 'HTTP', ...role, unsupported: unsupportedDataSource(name, 'HTTP', reason) };
  }
  let endpointUrl: URL;
  try {
    endpointUrl = new URL(endpointText);
  } catch {
    throw new Error(`AppSync data source ${id} (${name}): HttpConfig.Endpoint ${JSON.stringify(endpointText)} is not a URL`);
  }
  if (endpointUrl.protocol !== 'https:' && endpointUrl.protocol !== 'http:') {
    throw new Error(`AppSync data source ${id} (${name}): HttpConfig.Endpoint ${JSON.stringify(endpointText)} is not an http(s) URL`);
  }
  // resourcePath is appended to the endpoint: a trailing slash would double the path's first one.
  const endpoint = endpointText.replace(/\/+$/, '');
  const base: HttpDataSourceConfig = {
    name,
    type: 'HTTP',
    endpoint,
    ...role,
    ...(remoteReason ? { remoteEndpoint: unsupportedDataSource(name, 'HTTP', remoteReason) } : {}),
  };
  const authorization = evaluate(httpConfig.AuthorizationConfig, scope) as
    | { AuthorizationType?: unknown; AwsIamConfig?: { SigningRegion?: unknown; SigningServiceName?: unknown } }
    | undefined;
  if (authorization === undefined) return base;
  if (authorization.AuthorizationType !== 'AWS_IAM') {
    const type = JSON.stringify(authorization.AuthorizationType);
    throw new Error(`AppSync data source ${id} (${name}): HttpConfig.AuthorizationConfig.AuthorizationType ${type} is not AWS_IAM`);
  }
  const iam = authorization.AwsIamConfig ?? {};
  const fromHost = scopeOfAwsHost(endpointUrl.hostname);
  const region = typeof iam.SigningRegion === 'string' ? iam.SigningRegion : fromHost?.region;
  const service = typeof iam.SigningServiceName === 'string' ? iam.SigningServiceName : fromHost?.service;
  if (region === undefined || service === undefined) {
    // Without a scope no signature can be computed; the fields say so rather than sending unsigned requests.
    const reason = 'AWS_IAM signing needs AwsIamConfig SigningRegion and SigningServiceName (the endpoint is not an AWS service host they could be read from)';
    return { ...base, unsupported: unsupportedDataSource(name, 'HTTP', reason) };
  }
  return { ...base, iamSigning: { region, service } };
}
