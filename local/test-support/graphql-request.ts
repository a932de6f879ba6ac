/** Plain GraphQL requests to an engine for tests: one place for the fetch every fixture suite would write again. */

/** An AppSync answer as the tests read it. */
export interface GraphQLAnswer {
  data: Record<string, unknown> | null;
  errors?: { path: string[]; errorType: string | null; message: string; data: unknown; errorInfo: unknown }[];
}

/** POSTs `query` to `graphqlUrl` with API key `apiKey` and answers the parsed body. */
export async function apiKeyQuery(graphqlUrl: string, apiKey: string, query: string): Promise<GraphQLAnswer> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GraphQLAnswer;
}
