/** Where and how the app reaches the GraphQL API. */
export interface ApiEndpoint {
  graphqlUrl: string;
  apiKey: string;
}

/** The part of `import.meta.env` that configures the API. */
export interface ApiEnv {
  VITE_GRAPHQL_URL?: string;
  VITE_API_KEY?: string;
}

/**
 * Reads the API settings, failing with a message that says how to fix a missing one
 * (a blank page with an opaque network error would be the alternative).
 *
 * @example readApiEndpoint(import.meta.env)
 */
export function readApiEndpoint(env: ApiEnv): ApiEndpoint {
  const graphqlUrl = env.VITE_GRAPHQL_URL?.trim() ?? '';
  const apiKey = env.VITE_API_KEY?.trim() ?? '';
  const missing = [graphqlUrl ? null : 'VITE_GRAPHQL_URL', apiKey ? null : 'VITE_API_KEY'].filter(
    (name): name is string => name !== null,
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
        'Run the app with `npm start`, or copy web/.env.example to web/.env and fill it in.',
    );
  }
  if (!isAbsoluteHttpUrl(graphqlUrl)) throw new Error(`VITE_GRAPHQL_URL is not an http(s) URL: ${graphqlUrl}`);
  return { graphqlUrl, apiKey };
}

/** Whether `text` is an absolute http(s) URL (what a configured endpoint must be). */
export function isAbsoluteHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
