/**
 * The checks every cryptographic operation makes before touching a key, in KMS's order: the key exists
 * (NotFoundException), its state allows use (DisabledException, KMSInvalidStateException while pending deletion),
 * its KeyUsage fits the operation and the algorithm fits its spec (InvalidKeyUsageException), and the local KMS holds
 * material for it (UnsupportedOperationException otherwise: a spec the local KMS does not implement).
 */
import { KmsError } from './errors.ts';
import type { KeyMaterial } from './key-material.ts';
import { SUPPORTED_KEY_SPECS } from './key-spec.ts';
import type { KeyStore } from './key-store.ts';
import type { KmsKey } from './kms-key.ts';

/** @throws KmsError DisabledException or KMSInvalidStateException unless the key is Enabled. */
export function assertEnabled(key: KmsKey): void {
  if (key.state === 'Disabled') throw new KmsError('DisabledException', `${key.arn} is disabled.`);
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

/** The key and its material for `operation` with `algorithm` (a MAC or signing algorithm). */
export function usableKey(
  store: KeyStore,
  keyId: string,
  operation: string,
  usage: 'GENERATE_VERIFY_MAC' | 'SIGN_VERIFY',
  algorithm: string,
): { key: KmsKey; material: KeyMaterial } {
  const key = store.resolve(keyId);
  assertEnabled(key);
  if (key.keyUsage !== usage) {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
  }
  const spec = SUPPORTED_KEY_SPECS[key.keySpec];
  if (!spec || !key.material) {
    throw new KmsError('UnsupportedOperationException', `${key.arn}: the local KMS does not implement ${operation} for key spec ${key.keySpec}.`);
  }
  const supported = usage === 'GENERATE_VERIFY_MAC' ? spec.hmac?.algorithm : spec.ecc?.algorithm;
  if (algorithm !== supported) {
    const kind = usage === 'GENERATE_VERIFY_MAC' ? 'MAC' : 'signing';
    throw new KmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}: its ${kind} algorithm is ${supported}.`);
  }
  return { key, material: key.material };
}
