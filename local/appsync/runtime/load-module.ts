import vm from 'node:vm';
import type { Clock } from './clock.ts';
import { compileModule, STRICT_PREFIX, type CompiledModule } from './compile-module.ts';
import { createConsole } from './console-capture.ts';
import { aiModule } from './ai-module/index.ts';
import { dynamodbModule } from './dynamodb-module/index.ts';
import { appSyncRuntime } from './early-return.ts';
import { createExtensions } from './extensions.ts';
import type { InvocationState, InvocationStateRef } from './invocation-state.ts';
import { createSandbox, type ModuleFactory, type Sandbox } from './sandbox.ts';
import { columnBeforeInstrumentation, TICK_NAME } from './instrument.ts';
import { findUnsupportedImports, unsupportedImportMessage } from './module-imports.ts';
import { BuiltInInputError, EarlyReturnSignal, ModuleLoadError, TimeoutSignal, UtilErrorSignal } from './signals.ts';
import { rdsModule } from './rds-module/index.ts';
import { originalPosition } from './source-map-lookup.ts';
import type { EvaluationResult, LoadedModule, ResolverContext, ResolverError } from './types.ts';
import { createUtil } from './util/index.ts';

/** Options of {@link loadModule}. */
export interface LoadModuleOptions {
  /**
   * Wall-clock limit per evaluation in milliseconds; 0 disables it. AppSync allows 1 s of runtime per request
   * (its "resolver runtime" quota), so one handler never gets more.
   * @default 1000
   */
  timeoutMs?: number;
  /**
   * Also arm Node's `vm` watchdog with the same limit. It stops even a single runaway built-in call, which the
   * instrumented ticks cannot, but starts a thread per evaluation (about 0.2–0.4 ms each).
   * @default false
   */
  hardTimeout?: boolean;
  /**
   * Where `util.time` and the ids' time part read "now" (clock.ts). The evaluation time limit keeps the machine's
   * clock: moving resolver time must never time an evaluation out.
   * @default the machine's clock
   */
  clock?: Clock;
}

/** The modules the runtime answers `require` with (module-imports.ts lists them for the load-time check). */
const UTILS_MODULE = '@aws-appsync/utils';
const DYNAMODB_MODULE = '@aws-appsync/utils/dynamodb';
const RDS_MODULE = '@aws-appsync/utils/rds';
const AI_MODULE = '@aws-appsync/utils/ai';

/** The file name AppSync uses for resolver code in runtime error messages (`code.js:162:13: ReferenceError: …`). */
const APPSYNC_FILE_NAME = 'code.js';

/** The ctx seen by util helpers while top-level code runs at load time (no field is being resolved). */
const LOAD_TIME_CONTEXT: ResolverContext = {
  arguments: {},
  args: {},
  identity: null,
  source: null,
  stash: {},
  request: { headers: {}, domainName: null },
  info: { fieldName: '', parentTypeName: '', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  env: {},
};

/** Freezes an object graph so one evaluation cannot change what the next one imports. */
function deepFreeze<T>(value: T): T {
  if (value !== null && (typeof value === 'object' || typeof value === 'function') && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

/** Copies a value out of the context through JSON, as AppSync serializes handler output. */
function toHostJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json === undefined ? undefined : JSON.parse(json);
}

/** The evaluation time limit. */
interface Limits {
  timeoutMs: number;
  hardTimeout: boolean;
}

function hardTimeoutMs(limits: Limits): number {
  return limits.hardTimeout ? limits.timeoutMs : 0;
}

/** Either way of running out of time: the instrumented tick, or the vm watchdog. */
function isTimeout(error: unknown): boolean {
  return error instanceof TimeoutSignal || (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** Name and message of anything thrown by handler code (errors from the context realm fail `instanceof Error`). */
function describeThrown(thrown: unknown): { text: string; stack: string } {
  if (thrown !== null && typeof thrown === 'object' && 'message' in thrown) {
    const { name, message, stack } = thrown as { name?: unknown; message?: unknown; stack?: unknown };
    return { text: `${String(name ?? 'Error')}: ${String(message)}`, stack: typeof stack === 'string' ? stack : '' };
  }
  return { text: `Error: ${String(thrown)}`, stack: '' };
}

/**
 * Loads an APPSYNC_JS ES module (as bundled by esbuild with `@aws-appsync/utils` external) once; the returned module is
 * evaluated many times.
 *
 * Isolation: one context per module with frozen globals, the module re-instantiated per evaluation, ctx deep-copied
 * in and results/stash copied out through JSON. This is isolation against mistakes, not a security boundary (Node's
 * `vm` is not one): only run code you trust, as AppSync only runs code its owner deployed.
 *
 * @param code - the module source (ES module syntax)
 * @param source - where it came from (file name, resolver id); named in load errors
 * @throws ModuleLoadError on a syntax error, an import of a module the runtime does not provide (with its line), or
 *   top-level code that throws
 * @example
 * const mod = loadModule(code, 'resolvers/Mutation.generateOtp.js');
 * const { result, error } = mod.evaluate('request', ctx);
 */
export function loadModule(code: string, source: string, options: LoadModuleOptions = {}): LoadedModule {
  const limits: Limits = { timeoutMs: options.timeoutMs ?? 1000, hardTimeout: options.hardTimeout ?? false };
  refuseUnsupportedImports(code, source);
  const compiled = compileModule(code, source);
  const ref: InvocationStateRef = { current: null };
  const utilsModule = deepFreeze({
    util: createUtil(ref, options.clock),
    runtime: appSyncRuntime,
    extensions: createExtensions(ref),
  });
  const builtIns: Record<string, unknown> = {
    [UTILS_MODULE]: utilsModule,
    [DYNAMODB_MODULE]: deepFreeze(dynamodbModule),
    [RDS_MODULE]: deepFreeze(rdsModule),
    [AI_MODULE]: deepFreeze(aiModule),
  };
  const requireModule = (name: string): unknown => {
    if (Object.hasOwn(builtIns, name)) return builtIns[name];
    // A backstop: the load-time scan (refuseUnsupportedImports) already refused every other module name.
    throw new ModuleLoadError(source, unsupportedImportMessage(name));
  };
  // AWS's type definitions declare util, runtime and extensions as globals, and AppSync provides them without an import
  // (esbuild may also rename an imported `util`), so the same objects are globals of the context.
  const sandbox = buildSandbox(compiled, source, requireModule, {
    console: deepFreeze(createConsole(ref)),
    ...utilsModule,
  });
  // Top-level code may log or read util at load time too; give it a throwaway evaluation state.
  ref.current = { ctx: LOAD_TIME_CONTEXT, appendedErrors: [], logs: [], invalidations: [], responseHeaders: {}, responseHeaderBytes: 0 };
  let exportNames: string[];
  try {
    exportNames = instantiateOnce(sandbox, source, limits);
  } finally {
    ref.current = null;
  }

  return {
    source,
    hasHandler: (name) => exportNames.includes(name),
    evaluate: (handler, ctx) => evaluate(sandbox, ref, compiled, source, limits, handler, ctx, exportNames),
  };
}

/**
 * Refuses code importing a module AppSync does not provide when it is loaded, naming the line and column in the code
 * (`code.js`, as AppSync names resolver code), so no request ever reaches it.
 */
function refuseUnsupportedImports(code: string, source: string): void {
  const [first] = findUnsupportedImports(code);
  if (first) {
    throw new ModuleLoadError(source, `${APPSYNC_FILE_NAME}:${first.line}:${first.column}: ${unsupportedImportMessage(first.specifier)}`);
  }
}

function buildSandbox(
  compiled: CompiledModule,
  source: string,
  requireModule: (name: string) => unknown,
  globals: Record<string, unknown>,
): Sandbox {
  try {
    return createSandbox(
      (context) =>
        vm.compileFunction(compiled.body, ['exports', 'require', 'module', 'globalThis', TICK_NAME], {
          parsingContext: context,
          filename: source,
        }) as unknown as ModuleFactory,
      requireModule,
      globals,
    );
  } catch (error) {
    throw new ModuleLoadError(source, error instanceof Error ? error.message : String(error));
  }
}

/** Runs the top-level code once at load, so unsupported imports and broken top-level code fail early. */
function instantiateOnce(sandbox: Sandbox, source: string, limits: Limits): string[] {
  sandbox.bridge.call = { handler: null, ctxJson: '', aliasArgs: false, timeoutMs: limits.timeoutMs };
  try {
    sandbox.run(hardTimeoutMs(limits));
  } catch (error) {
    if (error instanceof ModuleLoadError) throw error;
    throw new ModuleLoadError(source, isTimeout(error) ? 'top-level code timed out' : describeThrown(error).text);
  }
  return [...sandbox.bridge.exportNames];
}

/** `code.js:<line>:<column>: ` for the innermost frame of the module's code, mapped back to the original source. */
function locationPrefix(stack: string, source: string, compiled: CompiledModule): string {
  const marker = `${source}:`;
  for (const frame of stack.split('\n').slice(1)) {
    const at = frame.lastIndexOf(marker);
    if (at < 0) continue;
    const match = /^(\d+):(\d+)/.exec(frame.slice(at + marker.length));
    if (!match) continue;
    const line = Number(match[1]);
    const generatedColumn = Number(match[2]) - (line === 1 ? STRICT_PREFIX.length : 0);
    const column = columnBeforeInstrumentation(compiled.insertions, line, generatedColumn);
    const original = originalPosition(compiled.mappings, line, column);
    if (original) return `${APPSYNC_FILE_NAME}:${original.line}:${original.column}: `;
  }
  return '';
}

/**
 * Code errors follow what AppSync returns for a runtime error in resolver code (aws/aws-appsync-community#328):
 * errorType `Code`, message `code.js:<line>:<column>: <ErrorName>: <message>`. Timeouts: AppSync's exact text is not
 * documented; we use errorType `Code` and say how long the limit was.
 */
function codeError(message: string): ResolverError {
  return { message, errorType: 'Code', data: null, errorInfo: null };
}

function evaluate(
  sandbox: Sandbox,
  ref: InvocationStateRef,
  compiled: CompiledModule,
  source: string,
  limits: Limits,
  handler: 'request' | 'response',
  ctx: ResolverContext,
  exportNames: string[],
): EvaluationResult {
  const state: InvocationState = { ctx, appendedErrors: [], logs: [], invalidations: [], responseHeaders: {}, responseHeaderBytes: 0 };
  const { bridge } = sandbox;
  let error: ResolverError | undefined;
  let earlyReturn: EvaluationResult['earlyReturn'];
  let result: unknown;

  if (!exportNames.includes(handler)) {
    error = codeError(`${APPSYNC_FILE_NAME}: the code does not export a ${handler} function`);
  } else {
    bridge.call = {
      handler,
      ctxJson: JSON.stringify(ctx),
      aliasArgs: ctx.args === ctx.arguments,
      timeoutMs: limits.timeoutMs,
    };
    bridge.ctx = null;
    bridge.result = undefined;
    ref.current = state;
    try {
      sandbox.run(hardTimeoutMs(limits));
      result = toHostJson(bridge.result);
    } catch (thrown) {
      if (thrown instanceof UtilErrorSignal) error = thrown.error;
      else if (thrown instanceof EarlyReturnSignal) {
        earlyReturn = { value: toHostJson(thrown.value) ?? null, skipTo: thrown.skipTo };
        result = earlyReturn.value;
      } else if (isTimeout(thrown)) {
        error = codeError(`${APPSYNC_FILE_NAME}: execution timed out after ${limits.timeoutMs} ms`);
      } else if (thrown instanceof BuiltInInputError) {
        error = codeError(locationPrefix(thrown.stack ?? '', source, compiled) + thrown.message);
      } else {
        const { text, stack } = describeThrown(thrown);
        error = codeError(locationPrefix(stack, source, compiled) + text);
      }
    } finally {
      ref.current = null;
    }
  }

  const stashSource = bridge.ctx?.stash ?? ctx.stash ?? {};
  const evaluation: EvaluationResult = {
    result,
    appendedErrors: state.appendedErrors,
    invalidations: state.invalidations,
    logs: state.logs,
    stash: toHostJson(stashSource) as Record<string, unknown>,
  };
  if (error) evaluation.error = error;
  if (earlyReturn) evaluation.earlyReturn = earlyReturn;
  if (state.subscriptionFilter !== undefined) evaluation.subscriptionFilter = state.subscriptionFilter;
  if (Object.keys(state.responseHeaders).length > 0) evaluation.responseHeaders = state.responseHeaders;
  if (state.subscriptionInvalidationFilter !== undefined) {
    evaluation.subscriptionInvalidationFilter = state.subscriptionInvalidationFilter;
  }
  return evaluation;
}
