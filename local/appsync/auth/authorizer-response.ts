/**
 * Reads a Lambda authorizer's response (security-authz, AWS_LAMBDA): `isAuthorized` (required boolean),
 * `resolverContext` (object → ctx.identity.resolverContext), `deniedFields` (`Type.field` or the field's ARN),
 * `ttlOverride` (seconds). Anything else is garbage, which denies: an authorizer that cannot say yes properly has
 * not said yes.
 */

/** What the authorizer decided, once its response is understood. */
export type AuthorizerResponse =
  | { isAuthorized: true; resolverContext: Record<string, unknown>; deniedFields: string[]; ttlOverride?: number }
  | { isAuthorized: false; ttlOverride?: number };

/** AppSync's limit on the contextual data an authorizer may return (5 MB). */
const MAX_RESOLVER_CONTEXT_BYTES = 5 * 1024 * 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses the function's result; null when it is not a well-formed authorizer response. */
export function parseAuthorizerResponse(result: unknown): AuthorizerResponse | null {
  if (!isPlainObject(result) || typeof result.isAuthorized !== 'boolean') return null;
  const { ttlOverride, resolverContext, deniedFields } = result;
  if (ttlOverride !== undefined && ttlOverride !== null && (typeof ttlOverride !== 'number' || !Number.isFinite(ttlOverride) || ttlOverride < 0)) {
    return null;
  }
  const ttl = typeof ttlOverride === 'number' ? { ttlOverride } : {};
  if (!result.isAuthorized) return { isAuthorized: false, ...ttl };
  if (resolverContext !== undefined && resolverContext !== null && !isPlainObject(resolverContext)) return null;
  if (resolverContext && Buffer.byteLength(JSON.stringify(resolverContext)) > MAX_RESOLVER_CONTEXT_BYTES) return null;
  if (deniedFields !== undefined && deniedFields !== null) {
    if (!Array.isArray(deniedFields) || !deniedFields.every((field) => typeof field === 'string')) return null;
  }
  return { isAuthorized: true, resolverContext: resolverContext ?? {}, deniedFields: (deniedFields as string[] | null | undefined) ?? [], ...ttl };
}

const FIELD_ARN = /^arn:aws:appsync:([^:]*):([^:]*):apis\/([^/]+)\/types\/([^/]+)\/fields\/([^/]+)$/;

/**
 * The `Type.field` keys of `deniedFields` that concern API `apiId`: short forms as they are, ARNs of this API's fields
 * (an ARN of another API that shares the authorizer names none of ours). Entries of neither form are ignored.
 */
export function deniedFieldKeys(deniedFields: readonly string[], apiId: string): Set<string> {
  const keys = new Set<string>();
  for (const entry of deniedFields) {
    const arn = FIELD_ARN.exec(entry);
    if (arn) {
      if (arn[3] === apiId) keys.add(`${arn[4]}.${arn[5]}`);
    } else if (/^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/.test(entry)) {
      keys.add(entry);
    }
  }
  return keys;
}
