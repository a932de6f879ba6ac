import { describe, expect, it } from 'vitest';
import { AuthorizerCache } from './authorizer-cache.ts';

const yes = { isAuthorized: true as const, resolverContext: { who: 'a' }, deniedFields: [] };

describe('AuthorizerCache', () => {
  it('answers only for the same authorizer and the exact same token, until the TTL runs out', () => {
    const cache = new AuthorizerCache();
    cache.set('fn', 'token-a', yes, 10, 0);
    expect(cache.get('fn', 'token-a', 9_999)).toBe(yes);
    expect(cache.get('fn', 'token-a ', 0)).toBeUndefined();
    expect(cache.get('fn', 'token-A', 0)).toBeUndefined();
    expect(cache.get('other-fn', 'token-a', 0)).toBeUndefined();
    expect(cache.get('fn', 'token-a', 10_000)).toBeUndefined();
  });

  it('caches nothing for a TTL of 0 and caps TTLs at one hour', () => {
    const cache = new AuthorizerCache();
    cache.set('fn', 'zero', yes, 0, 0);
    expect(cache.get('fn', 'zero', 0)).toBeUndefined();
    cache.set('fn', 'long', yes, 86_400, 0);
    expect(cache.get('fn', 'long', 3_599_999)).toBe(yes);
    expect(cache.get('fn', 'long', 3_600_000)).toBeUndefined();
  });
});
