import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { TOKEN_ALGORITHM } from '../../infra/model/index.ts';
import { PublicKeyError } from './errors.ts';

/** A public key as the JWKS lists it (RFC 7517 §4, RFC 7518 §6.2). */
export interface SigningJwk extends JsonWebKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: typeof TOKEN_ALGORITHM;
}

/**
 * KMS's GetPublicKey answer (DER SubjectPublicKeyInfo) as an ES256 signing JWK named `kid`.
 * @throws PublicKeyError when the key is not a P-256 signing key (a misconfigured key id must not publish a key).
 */
export function publicKeyJwk(kid: string, key: { PublicKey?: Uint8Array; KeySpec?: string; KeyUsage?: string }): SigningJwk {
  if (!key.PublicKey || key.KeySpec !== 'ECC_NIST_P256' || key.KeyUsage !== 'SIGN_VERIFY') {
    throw new PublicKeyError(`KMS key ${kid} is not an ECC_NIST_P256 SIGN_VERIFY key (KeySpec ${key.KeySpec}, KeyUsage ${key.KeyUsage})`);
  }
  const jwk = createPublicKey({ key: Buffer.from(key.PublicKey), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new PublicKeyError(`KMS key ${kid}'s public key is not a P-256 key`);
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, use: 'sig', alg: TOKEN_ALGORITHM };
}
