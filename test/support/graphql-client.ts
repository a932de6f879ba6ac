/**
 * GraphQL over HTTP the way a client sends it, for the end-to-end tests. Operations are the typed documents
 * generated from infra/documents (`npm run codegen`), so variables and results are checked against the schema;
 * a plain string is for requests no client would send (hostile input, aliases).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { OtpEndpoints } from './otp-stack.ts';
import { signIam, type IamAuth } from './sigv4.ts';

export interface GraphQLError {
  message: string;
  errorType?: string | null;
  errorInfo?: unknown;
  path?: (string | number)[] | null;
}

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: GraphQLError[] };
}

export type Auth = { apiKey: string } | IamAuth | 'none';

/** The query text of a document (what goes in the request's `query`). */
export function queryText(document: DocumentNode | string): string {
  return typeof document === 'string' ? document : print(document);
}

/** Sends one typed operation to the endpoint with the given auth (the API key unless told otherwise). */
export async function graphql<T, V extends Record<string, unknown>>(
  endpoints: OtpEndpoints,
  document: TypedDocumentNode<T, V>,
  variables: V,
  auth?: Auth,
): Promise<GraphQLAnswer<T>>;
/** Sends a hand-written request; `T` is what the caller expects in `data`. */
export async function graphql<T = Record<string, unknown>>(
  endpoints: OtpEndpoints,
  query: string,
  variables?: Record<string, unknown>,
  auth?: Auth,
): Promise<GraphQLAnswer<T>>;
export async function graphql<T>(
  endpoints: OtpEndpoints,
  document: DocumentNode | string,
  variables: Record<string, unknown> = {},
  auth: Auth = { apiKey: endpoints.apiKey },
): Promise<GraphQLAnswer<T>> {
  const body = JSON.stringify({ query: queryText(document), variables });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== 'none' && 'apiKey' in auth) headers['x-api-key'] = auth.apiKey;
  if (auth !== 'none' && 'iam' in auth) Object.assign(headers, await signIam(endpoints.graphqlUrl, body, auth));
  const response = await fetch(endpoints.graphqlUrl, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}
