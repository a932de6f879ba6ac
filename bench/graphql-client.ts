/**
 * A lean GraphQL-over-HTTP client for load runs: Node's http with a keep-alive agent (one socket per client), so
 * the client's own overhead stays small next to the server's work. The e2e helper (test/support) uses fetch, which
 * costs more CPU per request on this machine's shared cores.
 */
import { Agent, request } from 'node:http';

/** Sends one GraphQL request and returns the parsed JSON body (any HTTP status). */
export type GraphQLPost = (query: string, variables: Record<string, unknown>) => Promise<GraphQLBody>;

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; errorType?: string | null }[];
}

/** A client bound to one endpoint and API key; `close()` frees its sockets. */
export function createGraphQLClient(graphqlUrl: string, apiKey: string, maxSockets = 64): { post: GraphQLPost; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(graphqlUrl);
  const post: GraphQLPost = (query, variables) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query, variables });
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
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody);
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
