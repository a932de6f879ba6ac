/** Queries and mutations: a same-origin POST to the GraphQL endpoint, authorized as selected. */
import type { ExplorerConfig } from '../explorer-config.ts';
import { authorizationHeaders, type SelectedAuth } from './auth-headers.ts';
import type { GraphQLParams, GraphQLResult } from './graphiql-types.ts';

/** Headers the page never takes from the header editor: the browser or the auth selector sets them. */
const RESERVED = new Set(['host', 'content-length', 'content-type']);

/** Header-editor values as strings, minus those the page sets itself. */
export function editorHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!RESERVED.has(name.toLowerCase()) && value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
  }
  return result;
}

/** Runs `params` over HTTP; a body that is not JSON (a proxy, a crash) becomes a GraphiQL-displayable error. */
export async function postGraphQL(
  params: GraphQLParams,
  auth: SelectedAuth,
  config: ExplorerConfig,
  extraHeaders: Record<string, string>,
): Promise<GraphQLResult> {
  const body = JSON.stringify({ query: params.query, variables: params.variables ?? {}, operationName: params.operationName ?? null });
  const signed = { 'content-type': 'application/json' };
  const headers = await authorizationHeaders(auth, config, location.host, { path: config.graphqlPath, body, headers: signed });
  // The browser sets Host itself (and refuses a script's); the signature covers the same value.
  delete headers.host;
  const response = await fetch(config.graphqlPath, { method: 'POST', headers: { ...extraHeaders, ...headers }, body });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResult;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: the answer is not JSON`, body: text.slice(0, 2000) }] };
  }
}
