/** GraphiQL's fetcher: subscriptions over the real-time endpoint, everything else over HTTP. */
import { getOperationAST, parse } from 'graphql';
import type { ExplorerConfig } from '../explorer-config.ts';
import type { SelectedAuth } from './auth-headers.ts';
import type { Fetcher, GraphQLParams } from './graphiql-types.ts';
import { editorHeaders, postGraphQL } from './http-request.ts';
import { realtimeSubscription, type SubscriptionStatus } from './realtime-subscription.ts';

/** Whether `params` runs a subscription; a document that does not parse goes to HTTP, which reports the error. */
export function isSubscription(params: GraphQLParams): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

/** A fetcher bound to one auth selection (the page makes a new one when the selection changes). */
export function createFetcher(auth: SelectedAuth, config: ExplorerConfig, status: SubscriptionStatus): Fetcher {
  return (params, options) => {
    if (isSubscription(params)) return realtimeSubscription(params, auth, config, status);
    return postGraphQL(params, auth, config, editorHeaders(options?.headers));
  };
}
