import { describe, expect, it } from 'vitest';
import { readConfig, readCredentials } from './config.ts';
import { ConfigurationError } from './errors.ts';

describe('readConfig', () => {
  it('reads the GraphQL URL and the region', () => {
    expect(readConfig({ GRAPHQL_URL: 'https://x.appsync-api.eu-west-1.amazonaws.com/graphql', AWS_REGION: 'eu-west-1' })).toEqual({
      graphqlUrl: 'https://x.appsync-api.eu-west-1.amazonaws.com/graphql',
      region: 'eu-west-1',
    });
  });

  it('names the missing or malformed variable', () => {
    expect(() => readConfig({ AWS_REGION: 'eu-west-1' })).toThrow(new ConfigurationError('Environment variable GRAPHQL_URL is required'));
    expect(() => readConfig({ GRAPHQL_URL: 'Api/GraphQLUrl', AWS_REGION: 'eu-west-1' })).toThrow(/GRAPHQL_URL must be an http/);
    expect(() => readConfig({ GRAPHQL_URL: 'http://127.0.0.1:1/graphql' })).toThrow(/AWS_REGION/);
  });
});

describe('readCredentials', () => {
  it('reads the key pair and the session token when present', () => {
    expect(readCredentials({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret' })).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
    });
    expect(readCredentials({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'tok' }).sessionToken).toBe('tok');
    expect(() => readCredentials({ AWS_ACCESS_KEY_ID: 'AKID' })).toThrow(/AWS_SECRET_ACCESS_KEY/);
  });
});
