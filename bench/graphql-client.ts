/**
 * A lean GraphQL-over-HTTP client for load runs: Node's http with a keep-alive agent (one socket per client), so
 * the client's own overhead stays small next to the server's work. The e2e helper (test/support) uses fetch, which
 * costs more CPU per request on this machine's shared cores.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { Agent, request } from 'node:http';

/**
 * Sends one operation (a typed document generated from infra/documents) and returns the parsed JSON body (any HTTP
 * status).
 */
export type GraphQLPost = <T, V>(document: TypedDocumentNode<T, V>, variables: V) => Promise<GraphQLBody<T>>;

export interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; errorType?: string | null }[];
}

/** Each document's query text, printed once: printing per request would add to the client's cost being measured. */
const queryTexts = new WeakMap<DocumentNode, string>();

function queryTextOf(document: DocumentNode): string {
  let text = queryTexts.get(document);
  if (text === undefined) {
    text = print(document);
    queryTexts.set(document, text);
  }
  return text;
}

/** A client bound to one endpoint and API key; `close()` frees its sockets. */
export function createGraphQLClient(graphqlUrl: string, apiKey: string, maxSockets = 64): { post: GraphQLPost; close(): void } {
  // A socket timeout makes Node's agent honour the server's `Keep-Alive: timeout=…` hint (it lets an idle socket go a
  // second before the server closes it): without one, Node 20 ignores the hint, and a request sent on a socket the
  // server is closing fails with ECONNRESET (one generateOtp in 1,920 at 32 clients, after a pause between rounds).
  const agent = new Agent({ keepAlive: true, maxSockets, timeout: 60_000 });
  const url = new URL(graphqlUrl);
  const post: GraphQLPost = <T, V>(document: TypedDocumentNode<T, V>, variables: V) =>
    new Promise<GraphQLBody<T>>((resolve, reject) => {
      const body = JSON.stringify({ query: queryTextOf(document), variables });
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': apiKey },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody<T>);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  return { post, close: () => agent.destroy() };
}
