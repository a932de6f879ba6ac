/**
 * A resolver's or pipeline function's VTL mapping templates as a {@link LoadedModule}, so the executor runs them
 * through the same path as APPSYNC_JS code (execute/run-resolver.ts): `evaluate('request', ctx)` renders the request
 * template and parses its JSON text into the data-source request; `evaluate('response', ctx)` renders the response
 * template into the field's value. A missing template is the `fallback` module's handler (AppSync's default for that
 * side, written as APPSYNC_JS by the template reader).
 */
import type { Clock } from '../runtime/clock.ts';
import { createExtensions } from '../runtime/extensions.ts';
import type { InvocationState, InvocationStateRef } from '../runtime/invocation-state.ts';
import { UtilErrorSignal } from '../runtime/signals.ts';
import type { EvaluationResult, LoadedModule, ResolverContext, ResolverError } from '../runtime/types.ts';
import { parseTemplate, renderAsts, ReturnSignal, VtlSyntaxError } from './vtl-compile.ts';
import { createVtlUtil } from './vtl-util.ts';

/** The mapping templates of a resolver or function (either may be absent). */
export interface VtlTemplates {
  request?: string;
  response?: string;
}

/** A loaded VTL module; `language` tells the executor to apply VTL's pipeline and version rules. */
export interface VtlModule extends LoadedModule {
  readonly language: 'VTL';
}

/** The templates could not be parsed; the message names the owner and the template, never a file path. */
export class VtlLoadError extends Error {
  override name = 'VtlLoadError';
}

type Handler = 'request' | 'response';
type Parsed = ReturnType<typeof parseTemplate>;

/** Empty output: AppSync's text for it (seen in AppSync's resolver logs). */
const EMPTY_OUTPUT = 'Template transformation yielded an empty response.';

function mappingTemplateError(message: string): ResolverError {
  return { message, errorType: 'MappingTemplate', data: null, errorInfo: null };
}

/** The rendered text as JSON (AppSync parses both templates' output); an error when it is not JSON. */
function parseOutput(text: string): { value: unknown } | { error: ResolverError } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: mappingTemplateError(EMPTY_OUTPUT) };
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch (error) {
    return { error: mappingTemplateError(`Unable to parse the JSON document: ${(error as Error).message}`) };
  }
}

/** The ctx templates see: a JSON copy (templates mutate it freely), with `args` and `arguments` one map as on AWS. */
function templateContext(ctx: ResolverContext): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(ctx)) as Record<string, unknown>;
  copy.args = copy.arguments;
  return copy;
}

function newState(ctx: ResolverContext): InvocationState {
  return { ctx, appendedErrors: [], logs: [], invalidations: [], responseHeaders: {}, responseHeaderBytes: 0 };
}

/** Parses both templates now, so a syntax error refuses the API at load time (as AppSync refuses it on create). */
function parseAll(templates: VtlTemplates, label: string): Partial<Record<Handler, Parsed>> {
  const parsed: Partial<Record<Handler, Parsed>> = {};
  for (const handler of ['request', 'response'] as const) {
    const text = templates[handler];
    if (text === undefined) continue;
    try {
      parsed[handler] = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof VtlSyntaxError)) throw error;
      throw new VtlLoadError(`${label}: the ${handler} mapping template is not valid VTL: ${error.message}`);
    }
  }
  return parsed;
}

/**
 * Loads `templates` of `label` (`Resolver Query.getPost`, `Pipeline function addPost`); `fallback` supplies the
 * handler of a missing template and is loaded only if needed; `$util.time` reads `clock` (the machine's by default).
 * @throws VtlLoadError when a template does not parse.
 */
export function loadVtlModule(templates: VtlTemplates, label: string, fallback: () => LoadedModule, clock?: Clock): VtlModule {
  const parsed = parseAll(templates, label);
  const ref: InvocationStateRef = { current: null };
  const variables = { util: createVtlUtil(ref, clock), extensions: { ...createExtensions(ref) } };
  let fallbackModule: LoadedModule | undefined;
  const fallbackOf = (): LoadedModule => (fallbackModule ??= fallback());

  function render(handler: Handler, asts: Parsed, ctx: ResolverContext): EvaluationResult {
    const state = newState(ctx);
    const context = templateContext(ctx);
    const outcome: Partial<EvaluationResult> = {};
    ref.current = state;
    try {
      const text = renderAsts(asts, { ...variables, utils: variables.util, context, ctx: context });
      const parsedOutput = parseOutput(text);
      if ('error' in parsedOutput) outcome.error = parsedOutput.error;
      else outcome.result = parsedOutput.value;
    } catch (error) {
      if (error instanceof ReturnSignal) {
        // #return: a request template skips its data source and response template; a response template's value is the result.
        if (handler === 'request') outcome.earlyReturn = { value: error.value };
        else outcome.result = error.value;
      } else if (error instanceof UtilErrorSignal) {
        outcome.error = error.error;
      } else {
        outcome.error = mappingTemplateError(error instanceof Error ? error.message : String(error));
      }
    } finally {
      ref.current = null;
    }
    return {
      result: outcome.earlyReturn ? outcome.earlyReturn.value : (outcome.result ?? null),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.earlyReturn ? { earlyReturn: outcome.earlyReturn } : {}),
      appendedErrors: state.appendedErrors,
      ...(state.subscriptionFilter === undefined ? {} : { subscriptionFilter: state.subscriptionFilter }),
      ...(state.subscriptionInvalidationFilter === undefined ? {} : { subscriptionInvalidationFilter: state.subscriptionInvalidationFilter }),
      invalidations: state.invalidations,
      ...(Object.keys(state.responseHeaders).length === 0 ? {} : { responseHeaders: state.responseHeaders }),
      logs: state.logs,
      stash: (context.stash ?? {}) as Record<string, unknown>,
    };
  }

  return {
    language: 'VTL',
    source: label,
    hasHandler: (handler) => parsed[handler] !== undefined || fallbackOf().hasHandler(handler),
    evaluate(handler, ctx) {
      const asts = parsed[handler];
      return asts ? render(handler, asts, ctx) : fallbackOf().evaluate(handler, ctx);
    },
  };
}

/** Whether `module` runs VTL templates. */
export function isVtlModule(module: LoadedModule): module is VtlModule {
  return (module as Partial<VtlModule>).language === 'VTL';
}
