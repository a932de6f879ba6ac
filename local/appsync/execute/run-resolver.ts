/**
 * Runs one field's resolver, UNIT or PIPELINE, per AppSync's JS runtime semantics:
 * UNIT: request → data source → response. PIPELINE: before (resolver request) → for each function
 * (request → data source → response, each response becoming the next ctx.prev.result) → after (resolver response),
 * one stash throughout. runtime.earlyReturn and util.error/appendError as in runtime-utils-js and resolver-context-reference-js.
 * VTL resolvers and functions (../vtl/) run through the same steps, with VTL's #return and template-version rules.
 */
import type { AppSyncFunctionConfig, ResolverConfig } from '../../stack-description.ts';
import { DataSourceFieldError, type DataSource, type DataSourceResult } from '../data-sources/types.ts';
import type { EvaluationResult, LoadedModule, ResolverContext, ResolverError } from '../runtime/types.ts';
import type { ModuleCache } from './module-cache.ts';
import { legacyOutcome } from '../vtl/template-version.ts';
import { isVtlModule } from '../vtl/vtl-module.ts';
import { unsupportedPart } from './unsupported-parts.ts';

/** ctx without the parts the runner manages. */
export type BaseContext = Omit<ResolverContext, 'stash' | 'prev' | 'result' | 'error'>;

/** What the runner needs besides the resolver. */
export interface ResolverRunEnvironment {
  modules: ModuleCache;
  dataSources: ReadonlyMap<string, DataSource>;
  functions: Readonly<Record<string, AppSyncFunctionConfig>>;
}

/** The field's value, a fatal error (field becomes null), and errors appended along the way. */
export interface ResolverOutcome {
  value: unknown;
  error?: ResolverError;
  appended: ResolverError[];
  /** The last filter a handler set with extensions.setSubscriptionFilter (subscription resolvers). */
  subscriptionFilter?: unknown;
  /** The last filter a handler set with extensions.setSubscriptionInvalidationFilter (subscription resolvers). */
  subscriptionInvalidationFilter?: unknown;
  /** Every extensions.invalidateSubscriptions argument, in call order; only when the field did not fail. */
  invalidations?: unknown[];
  /** Headers its handlers set with util.http.addResponseHeader(s), later definitions winning. */
  responseHeaders?: Record<string, string>;
}

class FatalError extends Error {
  constructor(readonly resolverError: ResolverError) {
    super(resolverError.message);
  }
}

function fatal(message: string, errorType: string): FatalError {
  return new FatalError({ message, errorType, data: null, errorInfo: null });
}

/** Mutable state of one run. */
interface RunState {
  stash: Record<string, unknown>;
  appended: ResolverError[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: unknown[];
  responseHeaders: Record<string, string>;
}

function evaluate(
  module: LoadedModule,
  handler: 'request' | 'response',
  ctx: ResolverContext,
  state: RunState,
): EvaluationResult | null {
  if (!module.hasHandler(handler)) return null;
  const evaluation = module.evaluate(handler, ctx);
  state.stash = evaluation.stash ?? state.stash;
  state.appended.push(...evaluation.appendedErrors);
  if (evaluation.subscriptionFilter !== undefined) state.subscriptionFilter = evaluation.subscriptionFilter;
  if (evaluation.subscriptionInvalidationFilter !== undefined) {
    state.subscriptionInvalidationFilter = evaluation.subscriptionInvalidationFilter;
  }
  state.invalidations.push(...(evaluation.invalidations ?? []));
  Object.assign(state.responseHeaders, evaluation.responseHeaders);
  if (evaluation.error) throw new FatalError(evaluation.error);
  return evaluation;
}

async function invoke(dataSources: ReadonlyMap<string, DataSource>, name: string | undefined, request: unknown): Promise<DataSourceResult> {
  const dataSource = name === undefined ? undefined : dataSources.get(name);
  if (!dataSource) throw fatal(`Data source ${JSON.stringify(name)} is not defined`, 'MappingTemplate');
  try {
    return await dataSource.invoke(request);
  } catch (error) {
    // Malformed requests (MappingTemplate) and data sources that cannot run locally fail the field, not ctx.error.
    if (error instanceof DataSourceFieldError) throw fatal(error.message, error.errorType);
    throw error;
  }
}

/** request → data source → response for one module; `prev` is the pipeline's previous result. */
async function runStep(
  module: LoadedModule,
  dataSourceName: string | undefined,
  base: BaseContext,
  env: ResolverRunEnvironment,
  state: RunState,
  prev: unknown,
  inPipeline: boolean,
): Promise<{ value: unknown; early?: 'END' | 'NEXT' }> {
  const withPrev = inPipeline ? { prev: { result: prev } } : {};
  const request = evaluate(module, 'request', { ...base, ...withPrev, stash: state.stash }, state);
  if (request?.earlyReturn) return { value: request.earlyReturn.value, early: request.earlyReturn.skipTo };
  const answer = await invoke(env.dataSources, dataSourceName, request?.result ?? null);
  const legacy = isVtlModule(module) ? legacyOutcome(request?.result, answer) : undefined;
  if (legacy && 'error' in legacy) throw fatal(legacy.error.message, legacy.error.type);
  if (legacy) return { value: legacy.value };
  const response = evaluate(
    module,
    'response',
    { ...base, ...withPrev, stash: state.stash, result: answer.result, error: answer.error ?? null },
    state,
  );
  return { value: response ? response.result : answer.result };
}

async function runPipeline(resolver: ResolverConfig, base: BaseContext, env: ResolverRunEnvironment, state: RunState): Promise<unknown> {
  const module = env.modules.resolver(resolver);
  const before = evaluate(module, 'request', { ...base, prev: { result: null }, stash: state.stash }, state);
  // VTL's #return in the before template returns from the whole resolver (aws-appsync-directives): no functions, no after.
  if (before?.earlyReturn && isVtlModule(module)) return before.earlyReturn.value;
  let prev: unknown = before?.earlyReturn ? before.earlyReturn.value : (before?.result ?? null);
  if (!before?.earlyReturn) {
    for (const functionId of resolver.pipeline ?? []) {
      const config = env.functions[functionId];
      if (!config) throw fatal(`Pipeline function ${functionId} is not defined`, 'MappingTemplate');
      const step = await runStep(env.modules.function(config), config.dataSource, base, env, state, prev, true);
      prev = step.value;
      if (step.early === 'END') break;
    }
  }
  const after = evaluate(module, 'response', { ...base, prev: { result: prev }, result: prev, stash: state.stash }, state);
  return after ? after.result : prev;
}

/** Response headers of a run, failed or not (absent when none, keeping outcomes small). */
function headersOf(state: RunState): Pick<ResolverOutcome, 'responseHeaders'> {
  return Object.keys(state.responseHeaders).length === 0 ? {} : { responseHeaders: state.responseHeaders };
}

/** The extension records of a run that did not fail (absent parts are left out, keeping outcomes small). */
function filterOf(state: RunState): Pick<ResolverOutcome, 'subscriptionFilter' | 'subscriptionInvalidationFilter' | 'invalidations'> {
  return {
    ...(state.subscriptionFilter === undefined ? {} : { subscriptionFilter: state.subscriptionFilter }),
    ...(state.subscriptionInvalidationFilter === undefined ? {} : { subscriptionInvalidationFilter: state.subscriptionInvalidationFilter }),
    ...(state.invalidations.length === 0 ? {} : { invalidations: state.invalidations }),
  };
}

/**
 * Runs `resolver` for one field. Never throws for resolver-level failures: they come back in `error`. A resolver with
 * a part that cannot run locally (unsupported-parts.ts) answers that part's error and runs nothing.
 */
export async function runResolver(resolver: ResolverConfig, base: BaseContext, env: ResolverRunEnvironment): Promise<ResolverOutcome> {
  const blocked = unsupportedPart(resolver, env);
  if (blocked) return { value: null, error: { message: blocked.message, errorType: blocked.errorType, data: null, errorInfo: null }, appended: [] };
  const state: RunState = { stash: {}, appended: [], invalidations: [], responseHeaders: {} };
  try {
    if (resolver.kind === 'PIPELINE') {
      const value = await runPipeline(resolver, base, env, state);
      return { value, appended: state.appended, ...filterOf(state), ...headersOf(state) };
    }
    const step = await runStep(env.modules.resolver(resolver), resolver.dataSource, base, env, state, null, false);
    return { value: step.value, appended: state.appended, ...filterOf(state), ...headersOf(state) };
  } catch (error) {
    if (error instanceof FatalError) return { value: null, error: error.resolverError, appended: state.appended, ...headersOf(state) };
    throw error;
  }
}
