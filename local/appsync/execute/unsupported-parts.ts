/**
 * What of a field's resolver cannot run locally: VTL code (the resolver's or a pipeline function's) or a data source
 * the engine does not run. The field then answers that part's error before anything runs, so a pipeline never stops
 * half-way with its first functions' writes done (on AWS the whole pipeline would run).
 */
import type { AppSyncFunctionConfig, ResolverConfig, UnsupportedFeature } from '../../config.ts';
import type { DataSource } from '../data-sources/types.ts';

/** What {@link unsupportedPart} looks in: the API's data sources and pipeline functions. */
export interface ApiParts {
  dataSources: ReadonlyMap<string, DataSource>;
  functions: Readonly<Record<string, AppSyncFunctionConfig>>;
}

/** The first unsupported part of `resolver`, in execution order, or undefined when all of it runs locally. */
export function unsupportedPart(resolver: ResolverConfig, env: ApiParts): UnsupportedFeature | undefined {
  if (resolver.unsupported) return resolver.unsupported;
  if (resolver.kind === 'UNIT') return resolver.dataSource === undefined ? undefined : env.dataSources.get(resolver.dataSource)?.unsupported;
  for (const id of resolver.pipeline ?? []) {
    const fn = env.functions[id];
    const found = fn && (fn.unsupported ?? env.dataSources.get(fn.dataSource)?.unsupported);
    if (found) return found;
  }
  return undefined;
}
