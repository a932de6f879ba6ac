import { currentState, type InvocationStateRef } from '../invocation-state.ts';
import { UtilErrorSignal } from '../signals.ts';
import type { ResolverError } from '../types.ts';

/** `util.error`, `util.appendError` and `util.unauthorized`. */
export interface ErrorUtils {
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never;
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void;
  unauthorized(): never;
}

/** JSON copy: the error outlives the handler, which might still mutate `data` after appendError. */
function copy(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/** Missing parts are null, as in AppSync's error entries (runtime-utils-js, "util.error"). */
export function resolverError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): ResolverError {
  return {
    message: String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    data: copy(data),
    errorInfo: copy(errorInfo),
  };
}

/** Builds the error helpers; `unauthorized` reads the field being resolved from the current evaluation. */
export function createErrorUtils(ref: InvocationStateRef): ErrorUtils {
  return {
    error(message, errorType, data, errorInfo): never {
      throw new UtilErrorSignal(resolverError(message, errorType, data, errorInfo));
    },
    appendError(message, errorType, data, errorInfo) {
      currentState(ref).appendedErrors.push(resolverError(message, errorType, data, errorInfo));
    },
    /**
     * `Not Authorized to access <field> on type <Type>`, errorType `Unauthorized` (the message of AppSync's
     * Unauthorized field errors, aws-appsync-graphql-request-unauth-error). Known difference: AppSync's EvaluateCode
     * answers `Unauthorized` when its context names no field (recorded); we keep the field form there too because
     * test/fail-closed.test.ts asserts it (see ../README.md).
     */
    unauthorized(): never {
      const { fieldName, parentTypeName } = currentState(ref).ctx.info;
      throw new UtilErrorSignal(resolverError(`Not Authorized to access ${fieldName} on type ${parentTypeName}`, 'Unauthorized'));
    },
  };
}
