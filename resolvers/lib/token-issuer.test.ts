import { describe, expect, it } from 'vitest';
import { issuerOf } from './token-issuer.ts';

describe('issuerOf', () => {
  it.each([
    ['an AppSync host', 'abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com', 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql'],
    ['a custom domain, lower-cased', 'API.Example.com', 'https://api.example.com/graphql'],
    ['the local engine', '127.0.0.1:20002', 'http://127.0.0.1:20002/graphql'],
    ['localhost', 'localhost:4000', 'http://localhost:4000/graphql'],
    ['IPv6 loopback', '[::1]:4000', 'http://[::1]:4000/graphql'],
  ])('is the GraphQL URL for %s', (_label, host, issuer) => {
    expect(issuerOf(host)).toBe(issuer);
  });

  it.each([
    ['no host', undefined],
    ['an empty host', ''],
    ['a path', 'evil.example/x'],
    ['a user part', 'user@api.example.com'],
    ['whitespace inside', 'api example.com'],
    ['a host over 260 characters', `${'a'.repeat(261)}`],
  ])('is null for %s', (_label, host) => {
    expect(issuerOf(host)).toBeNull();
  });
});
