import { Sha256 } from '@aws-crypto/sha256-js';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from './node-sha256.ts';

async function both(secret: string | Uint8Array | undefined, ...parts: (string | Uint8Array | ArrayBuffer)[]): Promise<[Uint8Array, Uint8Array]> {
  const ours = new NodeSha256(secret);
  const reference = new Sha256(secret);
  for (const part of parts) {
    ours.update(part);
    reference.update(part);
  }
  return [await ours.digest(), await reference.digest()];
}

describe('NodeSha256', () => {
  it('hashes as @aws-crypto/sha256-js does: strings, bytes, views into larger buffers, ArrayBuffers', async () => {
    const large = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const [ours, reference] = await both(undefined, 'héllo', new Uint8Array([0, 255]), large.subarray(2, 5), new Uint8Array([7, 8]).buffer);
    expect(ours).toEqual(reference);
    expect(Buffer.from(ours).toString('hex')).toHaveLength(64);
  });

  it('computes the same HMAC for a string or byte secret', async () => {
    for (const secret of ['AWS4secret', new Uint8Array([1, 2, 3])]) {
      const [ours, reference] = await both(secret, '20261207');
      expect(ours).toEqual(reference);
    }
  });
});
