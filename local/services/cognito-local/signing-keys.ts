/**
 * A pool's token signing keys: RSA 2048 with RS256, one for ID tokens and one for access tokens (Cognito publishes
 * two keys per pool), the public halves in the pool's JWKS. The private keys stay in memory and, with a state dir,
 * in the state file, so tokens from an earlier run still verify after a restart with --persist.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningKey {
  /** The JWS `kid`: base64 of the SHA-256 of the public key (Cognito's kids are base64 strings too). */
  kid: string;
  privateKey: KeyObject;
}

export interface PoolSigningKeys {
  id: SigningKey;
  access: SigningKey;
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { kid: createHash('sha256').update(spki).digest('base64'), privateKey };
}

/**
 * A new pool's two keys, made on libuv's thread pool: an RSA 2048 key pair takes 0.1–0.5 s of CPU (a random prime
 * search), which on the main thread held up every start of a stack with a user pool (measured: 0.2–0.9 s of a warm
 * restart).
 */
export async function newSigningKeys(): Promise<PoolSigningKeys> {
  const make = async () => fromPrivateKey((await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })).privateKey);
  const [id, access] = await Promise.all([make(), make()]);
  return { id, access };
}

/** Keys read back from their PKCS#8 PEM form (the state file). */
export function signingKeysFromPem(pem: { id: string; access: string }): PoolSigningKeys {
  return { id: fromPrivateKey(createPrivateKey(pem.id)), access: fromPrivateKey(createPrivateKey(pem.access)) };
}

export function signingKeysToPem(keys: PoolSigningKeys): { id: string; access: string } {
  const pem = (key: SigningKey) => key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { id: pem(keys.id), access: pem(keys.access) };
}

/** The pool's JWKS document (`/{poolId}/.well-known/jwks.json`). */
export function jwksOf(keys: PoolSigningKeys): { keys: Record<string, string>[] } {
  return {
    keys: [keys.id, keys.access].map((key) => {
      const jwk = createPublicKey(key.privateKey).export({ format: 'jwk' });
      return { alg: 'RS256', e: String(jwk.e), kid: key.kid, kty: 'RSA', n: String(jwk.n), use: 'sig' };
    }),
  };
}

/** A compact RS256 JWS of `claims` with Cognito's header (`kid`, `alg`). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${part({ kid: key.kid, alg: 'RS256' })}.${part(claims)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}
