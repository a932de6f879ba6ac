import { describe, expect, it } from 'vitest';
import { formatClaimTime, shownClaims } from './idTokenClaims.ts';

const ID_PAYLOAD = { sub: '7d1c7c2e-0f3a-4f5e-9a55-2b7b1a0c9e11', email: 'a@example.com', auth_time: 1_765_000_000, exp: 1_765_003_600, token_use: 'id', iat: 1_765_000_000 };

describe('shownClaims', () => {
  it('picks email, sub, auth_time and exp of an ID token', () => {
    expect(shownClaims(ID_PAYLOAD)).toEqual({ email: 'a@example.com', sub: ID_PAYLOAD.sub, authTime: 1_765_000_000, exp: 1_765_003_600 });
  });

  it('shows a token without email as such', () => {
    expect(shownClaims({ ...ID_PAYLOAD, email: undefined })?.email).toBeNull();
  });

  it('refuses an access token, a token without subject and malformed times', () => {
    expect(shownClaims({ ...ID_PAYLOAD, token_use: 'access' })).toBeNull();
    expect(shownClaims({ ...ID_PAYLOAD, sub: '' })).toBeNull();
    expect(shownClaims({ ...ID_PAYLOAD, exp: '1765003600' })).toBeNull();
    expect(shownClaims({ ...ID_PAYLOAD, auth_time: 1.5 })).toBeNull();
  });
});

describe('formatClaimTime', () => {
  it('formats epoch seconds in the page\'s language', () => {
    expect(formatClaimTime(1_765_000_000, 'en', 'UTC')).toBe('Dec 6, 2025, 5:46:40 AM');
    expect(formatClaimTime(1_765_000_000, 'de', 'UTC')).toBe('06.12.2025, 05:46:40');
  });
});
