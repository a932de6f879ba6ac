/** The APPSYNC_JS runtime: load resolver code once, evaluate its handlers many times. */
export { loadModule, type LoadModuleOptions } from './load-module.ts';
export { ModuleLoadError } from './signals.ts';
export type { EvaluationResult, LoadedModule, ResolverContext, ResolverError, Identity } from './types.ts';
