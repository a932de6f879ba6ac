/** An ApiConfig turned into what execution needs: schema, auth index, resolver lookup, modules, data sources. */
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ApiConfig, ResolverConfig } from '../../stack-description.ts';
import { buildFieldAuthIndex, type FieldAuthIndex } from '../auth/auth-mode-directives.ts';
import type { DataSource } from '../data-sources/types.ts';
import type { Clock } from '../runtime/clock.ts';
import { buildApiSchema } from '../schema/build-schema.ts';
import { ModuleCache } from './module-cache.ts';
import type { ResolverRunEnvironment } from './run-resolver.ts';

/** Everything derived from one ApiConfig; replaced wholesale on reload. */
export interface PreparedApi {
  api: ApiConfig;
  schema: GraphQLSchema;
  fieldAuth: FieldAuthIndex;
  resolvers: ReadonlyMap<string, ResolverConfig>;
  runEnvironment: ResolverRunEnvironment;
  /** The named return type of `Type.field`, for error messages. */
  returnTypeOf(parent: string, field: string): string | null;
}

/** Checks the configuration up front so mistakes surface at start, not at the first request. */
function checkConfig(api: ApiConfig, schema: GraphQLSchema): void {
  for (const resolver of api.resolvers) {
    const type = schema.getType(resolver.typeName);
    if (!isObjectType(type) || !type.getFields()[resolver.fieldName]) {
      throw new Error(`Resolver ${resolver.typeName}.${resolver.fieldName} has no matching field in the schema`);
    }
    if (resolver.kind === 'UNIT' && (!resolver.dataSource || !api.dataSources[resolver.dataSource])) {
      throw new Error(`Resolver ${resolver.typeName}.${resolver.fieldName} uses unknown data source ${String(resolver.dataSource)}`);
    }
    for (const id of resolver.kind === 'PIPELINE' ? (resolver.pipeline ?? []) : []) {
      const fn = api.functions[id];
      if (!fn) throw new Error(`Resolver ${resolver.typeName}.${resolver.fieldName} uses unknown function ${id}`);
      if (!api.dataSources[fn.dataSource]) throw new Error(`Function ${fn.name} uses unknown data source ${fn.dataSource}`);
    }
  }
}

/**
 * Loads every VTL resolver and function now: a template that does not parse refuses the API at start or reload,
 * naming its resolver (VtlLoadError), as AppSync refuses it on create; nothing is left to fail at a request.
 */
function parseVtlTemplates(api: ApiConfig, modules: ModuleCache): void {
  for (const resolver of api.resolvers) if (resolver.vtl) modules.resolver(resolver);
  for (const fn of Object.values(api.functions)) if (fn.vtl) modules.function(fn);
}

/**
 * Prepares `api` with the given data sources; its resolvers read "now" from `options.clock` (the machine's clock when
 * absent). Throws on a bad schema or inconsistent configuration.
 */
export function prepareApi(api: ApiConfig, dataSources: ReadonlyMap<string, DataSource>, options: { clock?: Clock } = {}): PreparedApi {
  const schema = buildApiSchema(api.schema);
  checkConfig(api, schema);
  const resolvers = new Map(api.resolvers.map((resolver) => [`${resolver.typeName}.${resolver.fieldName}`, resolver]));
  const modules = new ModuleCache(options.clock);
  parseVtlTemplates(api, modules);
  return {
    api,
    schema,
    fieldAuth: buildFieldAuthIndex(schema, api.defaultAuth),
    resolvers,
    runEnvironment: { modules, dataSources, functions: api.functions },
    returnTypeOf(parent, field) {
      const type = schema.getType(parent);
      const definition = isObjectType(type) ? type.getFields()[field] : undefined;
      return definition ? getNamedType(definition.type).name : null;
    },
  };
}
