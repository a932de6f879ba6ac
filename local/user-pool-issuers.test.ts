/** The stand-in issuers: only for pools an API trusts that the template does not declare (the local Cognito runs those). */
import { describe, expect, it } from 'vitest';
import type { ApiConfig } from './stack-description.ts';
import { startUserPoolIssuers } from './user-pool-issuers.ts';

const api = (...poolIds: string[]): ApiConfig => ({
  logicalId: 'Api',
  name: 'api',
  schema: 'type Query { a: String }',
  defaultAuth: 'API_KEY',
  additionalAuth: ['AMAZON_COGNITO_USER_POOLS'],
  authProviders: poolIds.map((userPoolId) => ({ type: 'AMAZON_COGNITO_USER_POOLS', userPoolId, region: 'eu-west-1' })),
  apiKeys: [],
  environmentVariables: {},
  dataSources: {},
  resolvers: [],
  functions: {},
});

describe('startUserPoolIssuers', () => {
  it('stands in for an external pool, mints tokens the pool\'s issuer names, and leaves out the pools the local Cognito serves', async () => {
    const issuers = await startUserPoolIssuers([api('eu-west-1_External', 'eu-west-1_Template')], new Set(['eu-west-1_Template']));
    try {
      expect(issuers.pools.map((pool) => pool.userPoolId)).toEqual(['eu-west-1_External']);
      const [pool] = issuers.pools;
      expect(Object.keys(issuers.overrides)).toEqual(['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_External']);
      const minted = await fetch(pool!.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token_use: 'id' }) });
      const { id_token: token } = (await minted.json()) as { id_token: string };
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iss).toBe(pool!.issuer);
    } finally {
      await issuers.stop();
    }
    const none = await startUserPoolIssuers([api('eu-west-1_Template')], new Set(['eu-west-1_Template']));
    expect(none.pools).toEqual([]);
    await none.stop();
  });
});
