import { describe, expect, it } from 'vitest';
import { claimedIssuer, clientIdsOf, clientMatches, wholeMatch, withinTtl } from './jwt-claims.ts';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('claimedIssuer', () => {
  it('reads iss from a JWT-shaped token without verifying it', () => {
    expect(claimedIssuer(`${b64({ alg: 'RS256' })}.${b64({ iss: 'https://issuer.example' })}.sig`)).toBe('https://issuer.example');
  });

  it('answers null for anything that is not a JWT with a string iss', () => {
    expect(claimedIssuer('token-allow')).toBeNull();
    expect(claimedIssuer('a.b.c')).toBeNull();
    expect(claimedIssuer(`${b64({ alg: 'RS256' })}.${b64({ iss: 7 })}.sig`)).toBeNull();
    expect(claimedIssuer(`${b64({ alg: 'RS256' })}.${b64({ iss: 'x' })}`)).toBeNull();
  });
});

describe('wholeMatch', () => {
  it('matches the whole value, as Java matches() does', () => {
    const matches = wholeMatch('web|mobile');
    expect(matches('web')).toBe(true);
    expect(matches('mobile')).toBe(true);
    expect(matches('web-evil')).toBe(false);
    expect(matches('evil-mobile')).toBe(false);
  });

  it('denies everything for an expression that does not compile', () => {
    expect(wholeMatch('(')('(')).toBe(false);
  });
});

describe('client ids', () => {
  it('come from aud (string or list) and client_id', () => {
    expect(clientIdsOf({ aud: 'a' })).toEqual(['a']);
    expect(clientIdsOf({ aud: ['a', 'b'], client_id: 'c' })).toEqual(['a', 'b', 'c']);
  });

  it('match ClientId as a regular expression; no ClientId accepts any client', () => {
    expect(clientMatches({ aud: ['x', 'app-1'] }, 'app-\\d')).toBe(true);
    expect(clientMatches({ client_id: 'app-2' }, 'app-\\d')).toBe(true);
    expect(clientMatches({ aud: 'other' }, 'app-\\d')).toBe(false);
    expect(clientMatches({}, 'app-\\d')).toBe(false);
    expect(clientMatches({ aud: 'other' }, undefined)).toBe(true);
  });
});

describe('withinTtl', () => {
  const now = 1_000_000_000_000;
  it('limits the age of iat / auth_time in milliseconds; 0 or absent sets no limit', () => {
    expect(withinTtl(now / 1000 - 60, 60_000, now)).toBe(true);
    expect(withinTtl(now / 1000 - 61, 60_000, now)).toBe(false);
    expect(withinTtl(undefined, 0, now)).toBe(true);
    expect(withinTtl(undefined, undefined, now)).toBe(true);
  });

  it('requires the claim when a TTL is set', () => {
    expect(withinTtl(undefined, 60_000, now)).toBe(false);
    expect(withinTtl('123', 60_000, now)).toBe(false);
  });
});
