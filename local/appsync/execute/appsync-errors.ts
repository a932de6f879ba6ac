/**
 * AppSync's GraphQL error entries and the translation of graphql-js errors into them.
 * Shape (resolver-context-reference-js, util.error): `{ path, data, errorType, errorInfo, locations, message }`,
 * every missing part null; locations carry `sourceName: null` as AppSync (graphql-java) writes them.
 */
import { getLocation, GraphQLError, type ASTNode, type SourceLocation } from 'graphql';
import type { ResolverError } from '../runtime/types.ts';

/** One entry of the response's `errors`. */
export interface AppSyncErrorEntry {
  path: (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

/** A field failure with AppSync's error parts (thrown from field resolvers, caught by graphql-js). */
export class FieldError extends Error {
  override readonly name = 'FieldError';
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }

  static fromResolverError(error: ResolverError): FieldError {
    return new FieldError(error.message, error.errorType ?? null, error.data ?? null, error.errorInfo ?? null);
  }
}

/** `util.unauthorized()`'s error, also used for fields the request's auth mode may not read. */
export function unauthorizedFieldError(fieldName: string, typeName: string): FieldError {
  return new FieldError(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
}

function toLocations(locations: readonly SourceLocation[] | undefined): AppSyncErrorEntry['locations'] {
  return locations && locations.length > 0 ? locations.map(({ line, column }) => ({ line, column, sourceName: null })) : null;
}

/** Locations of AST nodes (for errors recorded outside graphql-js, e.g. util.appendError). */
export function locationsOf(nodes: readonly ASTNode[]): AppSyncErrorEntry['locations'] {
  return toLocations(nodes.flatMap((node) => (node.loc ? [getLocation(node.loc.source, node.loc.start)] : [])));
}

/** A field-level entry. */
export function fieldErrorEntry(
  error: Pick<FieldError, 'message' | 'errorType' | 'data' | 'errorInfo'>,
  path: (string | number)[],
  locations: AppSyncErrorEntry['locations'],
): AppSyncErrorEntry {
  return { path, data: error.data ?? null, errorType: error.errorType ?? null, errorInfo: error.errorInfo ?? null, locations, message: error.message };
}

const NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/** Translates an execution error from graphql-js. */
export function executionErrorEntry(error: GraphQLError, returnTypeOf: (parent: string, field: string) => string | null): AppSyncErrorEntry {
  const path = error.path ? [...error.path] : null;
  const locations = toLocations(error.locations);
  const original = error.originalError;
  if (original instanceof FieldError) return fieldErrorEntry(original, path ?? [], locations);
  const nonNull = NON_NULL.exec(error.message);
  if (nonNull) {
    // graphql-java's wording, which AppSync returns for a null in a non-null position.
    const type = returnTypeOf(nonNull[1]!, nonNull[2]!) ?? nonNull[2]!;
    const message = `Cannot return null for non-nullable type: '${type}' within parent '${nonNull[1]}' (/${(path ?? []).join('/')})`;
    return { path, data: null, errorType: null, errorInfo: null, locations, message };
  }
  // Engine failures never leak stack traces; the message is enough to act on.
  return { path, data: null, errorType: 'InternalFailure', errorInfo: null, locations, message: error.message };
}

/**
 * A request-level (validation / variables / syntax) entry. Decision: AppSync's responses show no errorType for
 * these; the key is kept with null so every entry has the same shape.
 */
export function requestErrorEntry(message: string, locations: readonly SourceLocation[] | undefined): AppSyncErrorEntry {
  return { path: null, data: null, errorType: null, errorInfo: null, locations: toLocations(locations), message };
}
