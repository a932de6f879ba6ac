/**
 * Remembers query documents that already parsed and validated against a schema, so a client repeating the same
 * query (the normal case: apps send a handful of fixed documents) skips graphql-js parse + validate, which the
 * benchmarks measured as the largest part of the engine's own CPU time per request.
 *
 * Safe because validation depends only on the schema and the query text: the cache is keyed by the schema object
 * (a reload builds a new schema, so old entries are never consulted again and are collected with it) and the exact
 * query string. Only documents that passed are kept; failing ones take the normal path every time, so error
 * answers are unchanged. graphql-js execution never mutates a DocumentNode, so sharing one between requests is fine.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** Distinct documents kept per schema; beyond it the oldest is dropped (bounds memory under unique queries). */
export const MAX_CACHED_DOCUMENTS = 1000;

/** Validated documents by schema and query text. */
export class ValidatedDocumentCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();

  /** The document of `query`, if it was stored for `schema`. */
  get(schema: GraphQLSchema, query: string): DocumentNode | undefined {
    return this.bySchema.get(schema)?.get(query);
  }

  /** Stores a document that parsed and validated without errors against `schema`. */
  set(schema: GraphQLSchema, query: string, document: DocumentNode): void {
    let documents = this.bySchema.get(schema);
    if (!documents) {
      documents = new Map();
      this.bySchema.set(schema, documents);
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS && !documents.has(query)) {
      const oldest = documents.keys().next();
      if (!oldest.done) documents.delete(oldest.value);
    }
    documents.set(query, document);
  }
}
