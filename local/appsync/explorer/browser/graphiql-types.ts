/**
 * The shapes GraphiQL's fetcher contract uses (@graphiql/toolkit's `Fetcher`), written out here: the toolkit is only a
 * transitive dependency, and GraphiQL accepts any function of this shape.
 */

/** What GraphiQL asks the fetcher to run. */
export interface GraphQLParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Extra arguments GraphiQL passes: the header editor's headers. */
export interface FetcherOptions {
  headers?: Record<string, unknown>;
}

/** A GraphQL response as GraphiQL displays it. */
export type GraphQLResult = Record<string, unknown>;

/** The observer GraphiQL subscribes with (it checks for a `subscribe` method). */
export interface Observer {
  next(value: GraphQLResult): void;
  error(error: unknown): void;
  complete(): void;
}

/** A stream of results GraphiQL shows one after the other, and stops with `unsubscribe`. */
export interface Observable {
  subscribe(observer: Observer): { unsubscribe(): void };
}

export type Fetcher = (params: GraphQLParams, options?: FetcherOptions) => Promise<GraphQLResult> | Observable;
