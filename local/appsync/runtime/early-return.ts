import { EarlyReturnSignal } from './signals.ts';

/** The `runtime` object of `@aws-appsync/utils`. */
export interface AppSyncRuntime {
  earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never;
}

/**
 * `runtime.earlyReturn(value?, { skipTo })` stops the handler at once; `evaluate` reports it in
 * `EvaluationResult.earlyReturn`. Without `skipTo` the effect depends on where it was called, so none is reported:
 * in a pipeline function's request the next function runs, in a resolver's request the pipeline is skipped
 * (https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html).
 */
export const appSyncRuntime: AppSyncRuntime = {
  earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
    const skipTo = options?.skipTo === 'NEXT' || options?.skipTo === 'END' ? options.skipTo : undefined;
    throw new EarlyReturnSignal(value ?? null, skipTo);
  },
};
