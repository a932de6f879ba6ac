import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_CACHED_DOCUMENTS, ValidatedDocumentCache } from './document-cache.ts';

const schema = buildSchema('type Query { hello: String }');

describe('ValidatedDocumentCache', () => {
  it('returns the stored document for the same schema and query text only', () => {
    const cache = new ValidatedDocumentCache();
    const document = parse('{ hello }');
    cache.set(schema, '{ hello }', document);
    expect(cache.get(schema, '{ hello }')).toBe(document);
    expect(cache.get(schema, '{ hello } ')).toBeUndefined();
    expect(cache.get(buildSchema('type Query { hello: String }'), '{ hello }')).toBeUndefined();
  });

  it('drops the oldest document beyond its bound', () => {
    const cache = new ValidatedDocumentCache();
    for (let index = 0; index <= MAX_CACHED_DOCUMENTS; index += 1) cache.set(schema, `query Q${index} { hello }`, parse(`query Q${index} { hello }`));
    expect(cache.get(schema, 'query Q0 { hello }')).toBeUndefined();
    expect(cache.get(schema, `query Q${MAX_CACHED_DOCUMENTS} { hello }`)).toBeDefined();
  });
});
