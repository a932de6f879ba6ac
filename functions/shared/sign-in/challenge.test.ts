import { describe, expect, it } from 'vitest';
import { SIGN_IN_CHALLENGE_PARAMETERS } from '../../../infra/model/index.ts';
import { noSessionExpiry, noSessionMetadata, publicChallengeParameters, sessionIdOfMetadata, sessionMetadata } from './challenge.ts';

describe('challenge parameters', () => {
  it('are exactly the documented names, as strings', () => {
    const parameters = publicChallengeParameters({ expiresAt: 1_800_000_000, codeLength: 6, attemptsRemaining: 5 });
    expect(parameters).toEqual({ expiresAt: '2027-01-15T08:00:00.000Z', codeLength: '6', attemptsRemaining: '5' });
    expect(Object.keys(parameters).sort()).toEqual(Object.values(SIGN_IN_CHALLENGE_PARAMETERS).sort());
  });

  it('can hold no code, no session id and no address: only numbers go in, and only a time and numbers come out', () => {
    const parameters = publicChallengeParameters({ expiresAt: 0, codeLength: 6, attemptsRemaining: -1 });
    for (const value of Object.values(parameters)) expect(value).toMatch(/^(\d+|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z)$/);
    expect(parameters.attemptsRemaining).toBe('0');
  });

  it('names the session only in metadata, and reads back only its own form', () => {
    const id = '6f1c0000-0000-4000-8000-000000000000';
    expect(sessionIdOfMetadata(sessionMetadata(id))).toBe(id);
    expect(sessionIdOfMetadata(noSessionMetadata(1_800_000_000))).toBeNull();
    expect(sessionIdOfMetadata('CODE-1')).toBeNull();
    expect(sessionIdOfMetadata(null)).toBeNull();
    expect(noSessionExpiry(noSessionMetadata(1_800_000_000))).toBe(1_800_000_000);
    expect(noSessionExpiry(sessionMetadata(id))).toBeNull();
  });
});
