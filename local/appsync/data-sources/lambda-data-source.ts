/**
 * AppSync's AWS_LAMBDA data source, run against the local stack's function runners (found by function name at each
 * call: lambda/function-directory.ts). Shapes as resolver-reference-lambda-js documents them:
 * - `Invoke`: the function's event is the request's `payload`; its return value is ctx.result.
 * - A function error (thrown, timed out, crashed) is ctx.error `{ type: 'Lambda:Unhandled', message: errorMessage }`,
 *   which the response handler raises or handles (the direct Lambda default raises it as the field's error).
 * - `BatchInvoke` runs batches of one (the engine does not batch fields): the event is `[payload]`, ctx.result the
 *   first element of the list the function returns.
 * - `invocationType: 'Event'` starts the function without waiting; ctx.result is null.
 */
import type { LambdaDataSourceConfig } from '../../stack-description.ts';
import { findLocalFunction, type LocalFunction } from '../../lambda/function-directory.ts';
import { parseLambdaRequest } from './lambda-request.ts';
import type { DataSource, DataSourceResult } from './types.ts';
import { createUnsupportedDataSource } from './unsupported-data-source.ts';

/** Finds a running function by name. */
export type FunctionLookup = (name: string) => LocalFunction | undefined;

/**
 * Creates the data source.
 * @param lookup where the function is found. @default the local stack's running functions
 */
export function createLambdaDataSource(config: LambdaDataSourceConfig, lookup: FunctionLookup = findLocalFunction): DataSource {
  if (config.unsupported) return createUnsupportedDataSource(config.unsupported);
  return {
    async invoke(request: unknown): Promise<DataSourceResult> {
      const { operation, invocationType, payload } = parseLambdaRequest(request);
      const fn = lookup(config.functionName);
      if (!fn) {
        // Lambda's own answer for a function it does not have (wording of AppSync's type ours).
        return { result: null, error: { type: 'Lambda:ResourceNotFoundException', message: `Function not found: ${config.functionArn}` } };
      }
      const event = operation === 'BatchInvoke' ? [payload] : payload;
      if (invocationType === 'Event') {
        void fn.invoke(event);
        return { result: null };
      }
      const outcome = await fn.invoke(event);
      if ('error' in outcome) return { result: null, error: { type: 'Lambda:Unhandled', message: outcome.error.errorMessage } };
      if (operation === 'Invoke') return { result: outcome.result };
      if (!Array.isArray(outcome.result)) {
        return {
          result: null,
          error: { type: 'Lambda:Unhandled', message: 'BatchInvoke: the function must return a list with one result per payload' },
        };
      }
      return { result: (outcome.result as unknown[])[0] ?? null };
    },
  };
}
