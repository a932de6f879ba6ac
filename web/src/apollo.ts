import { ApolloClient, HttpLink, InMemoryCache, type NormalizedCacheObject } from '@apollo/client/core';
import { readApiEndpoint, type ApiEndpoint } from './apiEndpoint.ts';

/**
 * The one Apollo client of the app: AppSync over HTTP with API-key auth (the API's default mode for browsers),
 * configured by `VITE_GRAPHQL_URL` and `VITE_API_KEY` unless a config is given.
 * Imports `@apollo/client/core` rather than `@apollo/client`, whose root entry pulls in React.
 *
 * @example app.provide(DefaultApolloClient, createApolloClient())
 */
export function createApolloClient(
  config: ApiEndpoint = readApiEndpoint(import.meta.env),
): ApolloClient<NormalizedCacheObject> {
  return new ApolloClient({
    link: new HttpLink({ uri: config.graphqlUrl, headers: { 'x-api-key': config.apiKey } }),
    cache: new InMemoryCache(),
  });
}
