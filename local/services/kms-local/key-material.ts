/**
 * A key's secret material and the only things done with it: MACs, signatures, the public half. The material sits
 * in private fields; nothing here returns it except {@link KeyMaterial.toPersisted}, which only the state file
 * (key-persistence.ts) calls. `JSON.stringify` and `util.inspect` of a KeyMaterial show a placeholder, so a stray
 * log line or error cannot carry it.
 */
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { decodeEcdsaDer, encodeEcdsaDer } from './ecdsa-der.ts';
import type { SupportedKeySpec } from './key-spec.ts';
import { signDigest, verifyDigest } from './p256-prehashed.ts';

/** The material as the state file keeps it: base64 of the HMAC secret or of the PKCS#8 DER private key. */
export type PersistedMaterial = { hmacSecret: string } | { pkcs8: string };

/** How Sign/Verify take the message. */
export type MessageType = 'RAW' | 'DIGEST';

const REDACTED = '[KMS key material]';

export class KeyMaterial {
  readonly #spec: SupportedKeySpec;
  readonly #hmacSecret: Buffer | undefined;
  readonly #privateKey: KeyObject | undefined;
  readonly #publicKey: KeyObject | undefined;

  private constructor(spec: SupportedKeySpec, hmacSecret: Buffer | undefined, privateKey: KeyObject | undefined) {
    this.#spec = spec;
    this.#hmacSecret = hmacSecret;
    this.#privateKey = privateKey;
    this.#publicKey = privateKey ? createPublicKey(privateKey) : undefined;
  }

  /** Fresh material for `spec` (CSPRNG secret, or a new key pair on the spec's curve). */
  static generate(spec: SupportedKeySpec): KeyMaterial {
    if (spec.hmac) return new KeyMaterial(spec, randomBytes(spec.hmac.secretBytes), undefined);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: spec.ecc!.curve });
    return new KeyMaterial(spec, undefined, privateKey);
  }

  /** Material read back from the state file. @throws Error when it does not fit `spec`. */
  static fromPersisted(spec: SupportedKeySpec, persisted: PersistedMaterial): KeyMaterial {
    if (spec.hmac && 'hmacSecret' in persisted) {
      const secret = Buffer.from(persisted.hmacSecret, 'base64');
      if (secret.length !== spec.hmac.secretBytes) throw new Error('the stored HMAC secret has the wrong length');
      return new KeyMaterial(spec, secret, undefined);
    }
    if (spec.ecc && 'pkcs8' in persisted) {
      const privateKey = createPrivateKey({ key: Buffer.from(persisted.pkcs8, 'base64'), format: 'der', type: 'pkcs8' });
      if (privateKey.asymmetricKeyDetails?.namedCurve !== spec.ecc.curve) throw new Error('the stored private key is on another curve');
      return new KeyMaterial(spec, undefined, privateKey);
    }
    throw new Error('the stored material does not fit the key spec');
  }

  /** For the state file only. */
  toPersisted(): PersistedMaterial {
    if (this.#hmacSecret) return { hmacSecret: this.#hmacSecret.toString('base64') };
    return { pkcs8: this.#privateKey!.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
  }

  /** HMAC (RFC 2104) of `message` with the key's hash. */
  mac(message: Uint8Array): Buffer {
    return createHmac(this.#spec.hmac!.hash, this.#hmacSecret!).update(message).digest();
  }

  /** Whether `mac` is the message's HMAC, compared in constant time. */
  verifyMac(message: Uint8Array, mac: Uint8Array): boolean {
    const expected = this.mac(message);
    return expected.length === mac.length && timingSafeEqual(expected, mac);
  }

  /** The DER-encoded ECDSA signature of a message, or of a digest the caller made (`DIGEST`). */
  sign(message: Uint8Array, messageType: MessageType): Buffer {
    const ecc = this.#spec.ecc!;
    if (messageType === 'RAW') return sign(ecc.hash, message, this.#privateKey!);
    const jwk = this.#privateKey!.export({ format: 'jwk' });
    const { r, s } = signDigest(message, Buffer.from(jwk.d!, 'base64url'));
    return encodeEcdsaDer(r, s);
  }

  /** Whether `signature` (DER) signs the message or digest. */
  verify(message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
    const ecc = this.#spec.ecc!;
    const decoded = decodeEcdsaDer(signature);
    if (!decoded) return false;
    if (messageType === 'RAW') return verify(ecc.hash, message, this.#publicKey!, signature);
    const jwk = this.#publicKey!.export({ format: 'jwk' });
    return verifyDigest(message, decoded, Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url'));
  }

  /** The public key as DER SubjectPublicKeyInfo (RFC 5280), what GetPublicKey returns. */
  publicKeyDer(): Buffer {
    return this.#publicKey!.export({ format: 'der', type: 'spki' });
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
