import type { LocalStackConfig } from '../config.ts';
import { indexAssets } from './assets.ts';
import { readStackArtifact } from './cloud-assembly.ts';
import type { LocalValues } from './local-values.ts';
import { toApiConfigs } from './map-appsync.ts';
import { toTableConfig } from './map-dynamodb.ts';
import { toEventSourceMappingConfig, toFunctionConfig, toQueueConfig } from './map-lambda.ts';
import { createStackScope } from './stack-scope.ts';

export type { LocalValues } from './local-values.ts';

/**
 * Reads one stack of a synthesized cloud assembly into the {@link LocalStackConfig} the local engine runs:
 * every intrinsic resolved with local values, asset references turned into paths (and code text) in the assembly.
 * Resource types without a local counterpart are ignored; unsupported data source types or runtimes throw,
 * naming the resource.
 *
 * `local.apiKeyValue` / `local.secretValue` are called at most once per logical id, so one call to readStack
 * yields one consistent set of made-up values.
 *
 * @example
 * const config = readStack('.local/cdk.out', 'OtpService', { region: 'us-east-1', accountId: '000000000000' });
 */
export function readStack(assemblyDir: string, stackName: string, local: LocalValues): LocalStackConfig {
  const { template, assetManifest } = readStackArtifact(assemblyDir, stackName);
  const assets = indexAssets(assetManifest, assemblyDir);
  const scope = createStackScope(template, stackName, local);
  const ofType = (type: string) => scope.resources.filter((resource) => resource.Type === type);
  return {
    stackName,
    apis: toApiConfigs(scope, assets),
    tables: ofType('AWS::DynamoDB::Table').map((resource) => toTableConfig(resource, scope)),
    functions: ofType('AWS::Lambda::Function').map((resource) => toFunctionConfig(resource, scope, assets, assemblyDir)),
    eventSourceMappings: ofType('AWS::Lambda::EventSourceMapping').map((resource) =>
      toEventSourceMappingConfig(resource, scope),
    ),
    queues: ofType('AWS::SQS::Queue').map((resource) => toQueueConfig(resource, scope)),
  };
}
