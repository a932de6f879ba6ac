import { generateKeyPairSync } from 'node:crypto';
import { GetPublicKeyCommand, KMSInvalidStateException, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { PublicKeyError } from './errors.ts';
import { fetchKeySet } from './key-set.ts';

const publicKeys = Object.fromEntries(
  ['current', 'previous'].map((id) => [id, new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }))]),
);

/** A KMS client that answers GetPublicKey for the keys above and refuses `gone` as KMS refuses a key pending deletion. */
function fakeKms(): { client: KMSClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    send: async (command: GetPublicKeyCommand) => {
      const keyId = command.input.KeyId!;
      calls.push(keyId);
      const key = publicKeys[keyId];
      if (!key) throw new KMSInvalidStateException({ message: `${keyId} is pending deletion.`, $metadata: {} });
      return { KeyId: `arn:aws:kms:eu-west-1:000000000000:key/${keyId}`, PublicKey: key, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' };
    },
  } as unknown as KMSClient;
  return { client, calls };
}

describe('fetchKeySet', () => {
  it('lists every key, the signing key first, each named by its configured id', async () => {
    const { client, calls } = fakeKms();
    const { jwks, complete } = await fetchKeySet(client, ['current', 'previous']);
    expect(calls).toEqual(['current', 'previous']);
    expect(jwks.keys.map((key) => key.kid)).toEqual(['current', 'previous']);
    expect(complete).toBe(true);
  });

  it('leaves out a previous key KMS no longer answers for, and says the set is not whole', async () => {
    const { client } = fakeKms();
    const { jwks, complete } = await fetchKeySet(client, ['current', 'gone']);
    expect(jwks.keys.map((key) => key.kid)).toEqual(['current']);
    expect(complete).toBe(false);
  });

  it('fails without the signing key', async () => {
    const { client } = fakeKms();
    await expect(fetchKeySet(client, ['gone', 'current'])).rejects.toThrow(PublicKeyError);
  });
});
