import { readFileSync } from 'node:fs';
import type { ApiConfig, AppSyncFunctionConfig, AuthMode, DataSourceConfig, ResolverConfig } from '../stack-description.ts';
import { objectKeyOf } from './assets.ts';
import type { AssetSource } from './assets.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import { toAuthProviders } from './map-auth-providers.ts';
import { toDataSourceConfig } from './map-data-sources.ts';
import { numberOr, stringRecord } from './property-values.ts';
import { resolverCode } from './resolver-code.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

const AUTH_MODES: readonly AuthMode[] = ['API_KEY', 'AWS_IAM', 'AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT', 'AWS_LAMBDA'];

/** Every AWS::AppSync::GraphQLApi of the stack with its schema, keys, data sources, resolvers and functions. */
export function toApiConfigs(scope: StackScope, assets: Map<string, AssetSource>): ApiConfig[] {
  const ofType = (type: string): NamedResource[] => scope.resources.filter((resource) => resource.Type === type);
  const apiIdOf = (resource: NamedResource): string =>
    evaluateString(resource.Properties?.ApiId, scope, `${resource.logicalId}.ApiId`);

  return ofType('AWS::AppSync::GraphQLApi').map((api) => {
    const id = api.logicalId;
    const p = api.Properties ?? {};
    // ApiId resolves to the API's logical id (see stack-scope.ts), which groups the API's children.
    const children = (type: string): NamedResource[] => ofType(type).filter((child) => apiIdOf(child) === id);
    const schemas = children('AWS::AppSync::GraphQLSchema');
    const schema = schemas[0];
    if (!schema) throw new Error(`AppSync API ${id} has no AWS::AppSync::GraphQLSchema`);
    const providers = (evaluate(p.AdditionalAuthenticationProviders, scope) ?? []) as { AuthenticationType: string }[];
    const queryDepthLimit = evaluate(p.QueryDepthLimit, scope);
    const resolverCountLimit = evaluate(p.ResolverCountLimit, scope);

    const dataSources: Record<string, DataSourceConfig> = {};
    for (const dataSource of children('AWS::AppSync::DataSource')) {
      const config = toDataSourceConfig(dataSource, scope);
      dataSources[config.name] = config;
    }
    const dataSourceType = (name: string): string | undefined => dataSources[name]?.type;
    const functions: Record<string, AppSyncFunctionConfig> = {};
    for (const fn of children('AWS::AppSync::FunctionConfiguration')) {
      functions[fn.logicalId] = toPipelineFunctionConfig(fn, scope, assets, dataSourceType);
    }
    return {
      logicalId: id,
      name: evaluateString(p.Name, scope, `${id}.Name`),
      schema: readSchema(schema, scope, assets),
      defaultAuth: authMode(evaluate(p.AuthenticationType, scope), id),
      additionalAuth: providers.map((provider) => authMode(provider.AuthenticationType, id)),
      authProviders: toAuthProviders(id, p, scope),
      apiKeys: children('AWS::AppSync::ApiKey').map((key) => {
        const expires = evaluate(key.Properties?.Expires, scope);
        return {
          logicalId: key.logicalId,
          id: evaluateString({ 'Fn::GetAtt': [key.logicalId, 'ApiKey'] }, scope, key.logicalId),
          ...(expires === undefined ? {} : { expires: numberOr(expires, 0) }),
        };
      }),
      environmentVariables: stringRecord(evaluate(p.EnvironmentVariables ?? {}, scope), `${id}.EnvironmentVariables`),
      ...(queryDepthLimit === undefined ? {} : { queryDepthLimit: numberOr(queryDepthLimit, 0) }),
      ...(resolverCountLimit === undefined ? {} : { resolverCountLimit: numberOr(resolverCountLimit, 0) }),
      dataSources,
      resolvers: children('AWS::AppSync::Resolver').map((resolver) => toResolverConfig(resolver, scope, assets, dataSourceType)),
      functions,
    };
  });
}

/** The type of a data source of the API, by name. */
type DataSourceTypeOf = (name: string) => string | undefined;

function toResolverConfig(
  resource: NamedResource,
  scope: StackScope,
  assets: Map<string, AssetSource>,
  dataSourceType: DataSourceTypeOf,
): ResolverConfig {
  const id = resource.logicalId;
  const p = resource.Properties ?? {};
  const kind = evaluate(p.Kind ?? 'UNIT', scope);
  if (kind !== 'UNIT' && kind !== 'PIPELINE') throw new Error(`AppSync resolver ${id}: unknown Kind ${JSON.stringify(kind)}`);
  const pipeline = (p.PipelineConfig as { Functions?: unknown } | undefined)?.Functions;
  const maxBatchSize = evaluate(p.MaxBatchSize, scope);
  const typeName = evaluateString(p.TypeName, scope, `${id}.TypeName`);
  const fieldName = evaluateString(p.FieldName, scope, `${id}.FieldName`);
  const dataSource = kind === 'UNIT' ? evaluateString(p.DataSourceName, scope, `${id}.DataSourceName`) : undefined;
  const owner = { label: `Resolver ${typeName}.${fieldName}`, dataSourceType: dataSource === undefined ? undefined : dataSourceType(dataSource) };
  return {
    typeName,
    fieldName,
    kind,
    ...(dataSource === undefined ? {} : { dataSource }),
    ...(kind === 'PIPELINE' ? { pipeline: (evaluate(pipeline ?? [], scope) as unknown[]).map(String) } : {}),
    ...resolverCode(resource, owner, scope, assets),
    ...(maxBatchSize === undefined ? {} : { maxBatchSize: numberOr(maxBatchSize, 0) }),
  };
}

function toPipelineFunctionConfig(
  resource: NamedResource,
  scope: StackScope,
  assets: Map<string, AssetSource>,
  dataSourceType: DataSourceTypeOf,
): AppSyncFunctionConfig {
  const id = resource.logicalId;
  const p = resource.Properties ?? {};
  const name = evaluateString(p.Name, scope, `${id}.Name`);
  const dataSource = evaluateString(p.DataSourceName, scope, `${id}.DataSourceName`);
  return {
    id,
    name,
    dataSource,
    ...resolverCode(resource, { label: `Pipeline function ${name}`, dataSourceType: dataSourceType(dataSource) }, scope, assets),
  };
}

function readSchema(schema: NamedResource, scope: StackScope, assets: Map<string, AssetSource>): string {
  const p = schema.Properties ?? {};
  if (p.Definition !== undefined) return evaluateString(p.Definition, scope, `${schema.logicalId}.Definition`);
  const location = evaluateString(p.DefinitionS3Location, scope, `${schema.logicalId}.DefinitionS3Location`);
  const asset = assets.get(objectKeyOf(location));
  if (!asset) throw new Error(`GraphQL schema ${schema.logicalId}: ${location} is not an asset of the cloud assembly`);
  return readFileSync(asset.path, 'utf8');
}

function authMode(value: unknown, apiId: string): AuthMode {
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (!mode) throw new Error(`AppSync API ${apiId}: unknown authentication type ${JSON.stringify(value)}`);
  return mode;
}
