import type { ResolverError } from './types.ts';

/**
 * Thrown by `util.error` / `util.unauthorized` to stop a handler. A private class (never exposed to handler code by
 * name) so `evaluate` can tell it apart from an error the code itself threw.
 */
export class UtilErrorSignal {
  constructor(readonly error: ResolverError) {}
}

/** Thrown by `runtime.earlyReturn` to stop a handler; `evaluate` turns it into `EvaluationResult.earlyReturn`. */
export class EarlyReturnSignal {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {}
}

/**
 * The file name of a source, without its directories: a load error's message can reach a client (a GraphQL error, an
 * EvaluateCode response), and a filesystem path of the machine must not.
 */
function displayName(source: string): string {
  return source.split(/[\\/]/).pop() || source;
}

/**
 * The module could not be loaded (syntax error, unsupported import, ...). The message names the source by its file
 * name only; `source` keeps the full name for the engine's own logs.
 */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`Cannot load APPSYNC_JS module ${displayName(source)}: ${detail}`);
  }
}

/** Thrown by the instrumented code's tick once an evaluation ran past its time limit. */
export class TimeoutSignal {}

/**
 * Thrown by a built-in module (`@aws-appsync/utils/rds`, …) that refuses its input. AppSync reports such a refusal as
 * a `Code` error whose message is the module's text after the code position (`code.js:4:12: Value for id.eq can't
 * be null.`, recorded), without an error class name.
 */
export class BuiltInInputError extends Error {
  override name = 'BuiltInInputError';
  constructor(message: string) {
    // The position comes from the handler's frame, below the module's own (often more than the default 10) frames.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    super(message);
    Error.stackTraceLimit = limit;
  }
}
