import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { PublicKeyError } from './errors.ts';
import { logger } from './logger.ts';
import { publicKeyJwk, type SigningJwk } from './public-key-jwk.ts';

/** The JWKS document (RFC 7517 §5). */
export interface JwkSet {
  keys: SigningJwk[];
}

/** A key set and whether it is whole (every configured key in it), so only a whole one is kept for later requests. */
export interface FetchedKeySet {
  jwks: JwkSet;
  complete: boolean;
}

/**
 * Reads the public keys from KMS (GetPublicKey) and lists them, the signing key first. A previous key that KMS no
 * longer answers for (disabled, pending deletion) is left out and logged: its tokens can no longer be verified, and
 * the current ones still can. Without the signing key there is no useful key set.
 *
 * @throws PublicKeyError when the signing key (the first id) cannot be read.
 */
export async function fetchKeySet(kms: KMSClient, keyIds: readonly string[]): Promise<FetchedKeySet> {
  const results = await Promise.allSettled(
    keyIds.map(async (keyId) => publicKeyJwk(keyId, await kms.send(new GetPublicKeyCommand({ KeyId: keyId })))),
  );
  const keys: SigningJwk[] = [];
  for (const [index, result] of results.entries()) {
    const keyId = keyIds[index]!;
    if (result.status === 'fulfilled') {
      keys.push(result.value);
      continue;
    }
    const reason = result.reason instanceof Error ? `${result.reason.name}: ${result.reason.message}` : String(result.reason);
    if (index === 0) throw new PublicKeyError(`The signing key ${keyId} could not be read: ${reason}`, { cause: result.reason });
    logger.warn('A previous signing key was left out of the JWKS', { keyId, reason });
  }
  return { jwks: { keys }, complete: keys.length === keyIds.length };
}
