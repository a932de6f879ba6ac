import { describe, expect, it } from 'vitest';
import type { StoredCodes } from '../../infra/model/index.ts';
import { codesToCheck } from './stored-codes.ts';

const KEY_A = 'arn:aws:kms:eu-west-1:000000000000:key/aaaaaaaa-0000-4000-8000-000000000000';
const KEY_B = 'arn:aws:kms:eu-west-1:000000000000:key/bbbbbbbb-0000-4000-8000-000000000000';

describe('codesToCheck', () => {
  it('lists every stored MAC with the key that made it (keys may differ after a rotation)', () => {
    const codes: StoredCodes = { 'bWFjLWE=': { keyId: KEY_A, issuedAt: 1 }, 'bWFjLWI=': { keyId: KEY_B, issuedAt: 2 } };
    expect(codesToCheck(codes)).toEqual([
      { mac: 'bWFjLWE=', keyId: KEY_A },
      { mac: 'bWFjLWI=', keyId: KEY_B },
    ]);
  });

  it('is empty for no codes, and leaves out entries that name no key (hashes stored before KMS MACs)', () => {
    expect(codesToCheck({})).toEqual([]);
    expect(codesToCheck(undefined)).toEqual([]);
    expect(codesToCheck(null)).toEqual([]);
    const legacy = { ['ab'.repeat(32)]: 1_700_000_000, 'bWFj': { issuedAt: 1 }, 'ZW1wdHk=': { keyId: '', issuedAt: 1 } } as unknown as StoredCodes;
    expect(codesToCheck(legacy)).toEqual([]);
  });
});
