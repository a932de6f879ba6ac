import { describe, expect, it } from 'vitest';
import { deniedFieldKeys, parseAuthorizerResponse } from './authorizer-response.ts';

describe('parseAuthorizerResponse', () => {
  it('reads an authorized response with context, denied fields and ttl', () => {
    expect(parseAuthorizerResponse({ isAuthorized: true, resolverContext: { user: 'u1' }, deniedFields: ['Query.a'], ttlOverride: 10 })).toEqual({
      isAuthorized: true,
      resolverContext: { user: 'u1' },
      deniedFields: ['Query.a'],
      ttlOverride: 10,
    });
    expect(parseAuthorizerResponse({ isAuthorized: true })).toEqual({ isAuthorized: true, resolverContext: {}, deniedFields: [] });
    expect(parseAuthorizerResponse({ isAuthorized: false, ttlOverride: 5 })).toEqual({ isAuthorized: false, ttlOverride: 5 });
  });

  it('treats every malformed response as no answer (which denies)', () => {
    for (const garbage of [
      null,
      'yes',
      true,
      [],
      {},
      { isAuthorized: 'true' },
      { isAuthorized: 1 },
      { isAuthorized: true, resolverContext: 'ctx' },
      { isAuthorized: true, resolverContext: ['a'] },
      { isAuthorized: true, deniedFields: 'Query.a' },
      { isAuthorized: true, deniedFields: [1] },
      { isAuthorized: true, ttlOverride: -1 },
      { isAuthorized: true, ttlOverride: '60' },
    ]) {
      expect(parseAuthorizerResponse(garbage), JSON.stringify(garbage)).toBeNull();
    }
  });

  it('refuses a resolverContext over 5 MB', () => {
    expect(parseAuthorizerResponse({ isAuthorized: true, resolverContext: { big: 'x'.repeat(5 * 1024 * 1024) } })).toBeNull();
  });
});

describe('deniedFieldKeys', () => {
  it('keeps short forms and this API’s field ARNs, drops other APIs’ ARNs and junk', () => {
    const keys = deniedFieldKeys(
      [
        'Query.secret',
        'arn:aws:appsync:eu-west-1:000000000000:apis/Api/types/Mutation/fields/remove',
        'arn:aws:appsync:eu-west-1:000000000000:apis/OtherApi/types/Query/fields/other',
        'not a field',
        'Query.a.b',
      ],
      'Api',
    );
    expect([...keys].sort()).toEqual(['Mutation.remove', 'Query.secret']);
  });
});
