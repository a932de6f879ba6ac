import type { StackDescription } from '../stack-description.ts';
import { indexAssets, type AssetSource } from './assets.ts';
import { readStackArtifact } from './cloud-assembly.ts';
import type { LocalValues } from './local-values.ts';
import { toApiConfigs } from './map-appsync.ts';
import { toTableConfig } from './map-dynamodb.ts';
import { toLambdaFunctionConfigs } from './map-functions.ts';
import { toUserPoolConfigs } from './map-cognito.ts';
import { toFunctionUrlConfigs } from './map-function-urls.ts';
import { toKmsKeyConfigs } from './map-kms.ts';
import { toOutputs } from './map-outputs.ts';
import { toSesConfigurationSetConfigs } from './map-ses.ts';
import { toSnsTopicConfigs } from './map-sns.ts';
import { toEventSourceMappingConfig, toQueueConfig } from './map-lambda.ts';
import { createStackScope } from './stack-scope.ts';
import type { CfnTemplate } from './template-types.ts';

export type { LocalValues } from './local-values.ts';

/**
 * Reads one stack of a synthesized cloud assembly into the {@link StackDescription} the local engine runs:
 * every intrinsic resolved with local values, asset references turned into paths (and code text) in the assembly.
 * See {@link readTemplate} for what loads, what is skipped and what is refused.
 *
 * `local.apiKeyValue` / `local.secretValue` are called at most once per logical id, so one call to readStack
 * yields one consistent set of made-up values.
 *
 * @example
 * const config = readStack('.local/cdk.out', 'OtpService', { region: 'us-east-1', accountId: '000000000000' });
 */
export function readStack(assemblyDir: string, stackName: string, local: LocalValues): StackDescription {
  const { template, assetManifest } = readStackArtifact(assemblyDir, stackName);
  return readTemplate(template, { stackName, local, assets: indexAssets(assetManifest, assemblyDir), workDir: assemblyDir });
}

/** Where {@link readTemplate} finds assets and writes inline code. */
export interface ReadTemplateOptions {
  stackName: string;
  local: LocalValues;
  /** The assembly's assets by S3 object key (none for a hand-written template). @default none */
  assets?: Map<string, AssetSource>;
  /** Where inline Lambda code (`Code.ZipFile`) is written, under `inline-code/<logicalId>/`. */
  workDir: string;
}

/**
 * Reads a CloudFormation template (a synthesized one, or one written by hand) into a {@link StackDescription}.
 * Resource types without a local counterpart are ignored. Every AppSync data source type and VTL resolvers load;
 * the fields that need what cannot run locally answer an error (config `unsupported`). Lambda functions used only at
 * deploy time are skipped, as are functions of runtimes other than Node.js and Python that nothing local invokes
 * (`skippedFunctions`). Throws, naming the resource, for what the stack cannot run without: a stream-invoked function
 * of such a runtime, an unknown data source type, intrinsics it cannot evaluate.
 */
export function readTemplate(template: CfnTemplate, options: ReadTemplateOptions): StackDescription {
  const { stackName } = options;
  const assets = options.assets ?? new Map<string, AssetSource>();
  const scope = createStackScope(template, stackName, options.local);
  const ofType = (type: string) => scope.resources.filter((resource) => resource.Type === type);
  const { functions, skippedFunctions } = toLambdaFunctionConfigs(scope, assets, options.workDir);
  return {
    stackName,
    apis: toApiConfigs(scope, assets),
    tables: ofType('AWS::DynamoDB::Table').map((resource) => toTableConfig(resource, scope)),
    functions,
    eventSourceMappings: ofType('AWS::Lambda::EventSourceMapping').map((resource) => toEventSourceMappingConfig(resource, scope)),
    queues: ofType('AWS::SQS::Queue').map((resource) => toQueueConfig(resource, scope)),
    skippedFunctions,
    kmsKeys: toKmsKeyConfigs(scope),
    functionUrls: toFunctionUrlConfigs(scope),
    outputs: toOutputs(template, scope),
    userPools: toUserPoolConfigs(scope),
    snsTopics: toSnsTopicConfigs(scope),
    sesConfigurationSets: toSesConfigurationSetConfigs(scope),
  };
}
