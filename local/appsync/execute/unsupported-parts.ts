/**
 * Which data source of a field's resolver cannot run locally. The field then answers that data source's error before
 * anything runs, so a pipeline never stops half-way with its first functions' writes done (on AWS the whole pipeline
 * would run).
 */
import type { AppSyncFunctionConfig, ResolverConfig, UnsupportedFeature } from '../../stack-description.ts';
import type { DataSource } from '../data-sources/types.ts';

/** What {@link unsupportedPart} looks in: the API's data sources and pipeline functions. */
export interface ApiParts {
  dataSources: ReadonlyMap<string, DataSource>;
  functions: Readonly<Record<string, AppSyncFunctionConfig>>;
}

/** The error of the first data source of `resolver` that cannot run, in execution order, or undefined. */
export function unsupportedPart(resolver: ResolverConfig, env: ApiParts): UnsupportedFeature | undefined {
  const names = resolver.kind === 'UNIT' ? [resolver.dataSource] : (resolver.pipeline ?? []).map((id) => env.functions[id]?.dataSource);
  for (const name of names) {
    const found = name === undefined ? undefined : env.dataSources.get(name)?.unsupported;
    if (found) return found;
  }
  return undefined;
}
