import { describe, expect, it } from 'vitest';
import { readApiEndpoint } from './apiEndpoint.ts';

describe('readApiEndpoint', () => {
  it('reads and trims both settings', () => {
    expect(readApiEndpoint({ VITE_GRAPHQL_URL: ' http://127.0.0.1:4000/graphql ', VITE_API_KEY: 'da2-abc\n' })).toEqual({
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      apiKey: 'da2-abc',
    });
  });

  it('names every missing setting and says how to provide it', () => {
    expect(() => readApiEndpoint({})).toThrow(/^VITE_GRAPHQL_URL and VITE_API_KEY are not set\. .*web\/\.env\.example/);
    expect(() => readApiEndpoint({ VITE_GRAPHQL_URL: 'https://x.example/graphql', VITE_API_KEY: '  ' })).toThrow(
      /^VITE_API_KEY is not set\./,
    );
  });

  it('rejects a URL that is not absolute http(s)', () => {
    expect(() => readApiEndpoint({ VITE_GRAPHQL_URL: '/graphql', VITE_API_KEY: 'k' })).toThrow('not an http(s) URL');
    expect(() => readApiEndpoint({ VITE_GRAPHQL_URL: 'ftp://x.example/graphql', VITE_API_KEY: 'k' })).toThrow(
      'not an http(s) URL',
    );
  });
});
