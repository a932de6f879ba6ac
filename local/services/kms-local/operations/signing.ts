/**
 * Sign, Verify and GetPublicKey (asymmetric SIGN_VERIFY keys). Sign returns the DER-encoded ECDSA signature, as KMS
 * does; `MessageType: DIGEST` takes a digest of exactly the algorithm's hash length and skips hashing.
 */
import { KmsError } from '../errors.ts';
import { blobMember, enumMember, stringMember, type Input } from '../input.ts';
import type { MessageType } from '../key-material.ts';
import { KMS_SIGNING_ALGORITHMS, SUPPORTED_KEY_SPECS } from '../key-spec.ts';
import type { KeyStore } from '../key-store.ts';
import { assertEnabled, usableKey } from '../usable-key.ts';
import type { Operation } from './types.ts';

const MESSAGE_TYPES = ['RAW', 'DIGEST', 'EXTERNAL_MU'];

function signingInput(input: Input, store: KeyStore, operation: 'Sign' | 'Verify') {
  const keyId = stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 });
  const message = blobMember(input, 'Message', 1, 4096);
  const messageType = (enumMember(input, 'MessageType', MESSAGE_TYPES) ?? 'RAW') as MessageType | 'EXTERNAL_MU';
  const signingAlgorithm = enumMember(input, 'SigningAlgorithm', KMS_SIGNING_ALGORITHMS, true);
  const { key, material } = usableKey(store, keyId, operation, 'SIGN_VERIFY', signingAlgorithm);
  // EXTERNAL_MU is for ML-DSA keys only.
  if (messageType === 'EXTERNAL_MU') throw new KmsError('InvalidKeyUsageException', `MessageType EXTERNAL_MU is not valid for key spec ${key.keySpec}.`);
  const digestBytes = SUPPORTED_KEY_SPECS[key.keySpec]!.ecc!.digestBytes;
  if (messageType === 'DIGEST' && message.length !== digestBytes) {
    throw new KmsError('ValidationException', `Digest is invalid length for algorithm ${signingAlgorithm}.`);
  }
  return { key, material, message, messageType, signingAlgorithm };
}

export const signOperation: Operation = (input, store) => {
  const { key, material, message, messageType, signingAlgorithm } = signingInput(input, store, 'Sign');
  return { KeyId: key.arn, Signature: material.sign(message, messageType).toString('base64'), SigningAlgorithm: signingAlgorithm };
};

/** A signature that does not verify is KMSInvalidSignatureException, never `SignatureValid: false`. */
export const verifyOperation: Operation = (input, store) => {
  const { key, material, message, messageType, signingAlgorithm } = signingInput(input, store, 'Verify');
  const signature = blobMember(input, 'Signature', 1, 6144);
  if (!material.verify(message, messageType, signature)) throw new KmsError('KMSInvalidSignatureException', 'Signature verification failed.');
  return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: signingAlgorithm };
};

/** The public key as base64 DER SubjectPublicKeyInfo; symmetric and HMAC keys have none (UnsupportedOperationException). */
export const getPublicKey: Operation = (input, store) => {
  const keyId = stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 });
  const key = store.resolve(keyId);
  assertEnabled(key);
  const spec = SUPPORTED_KEY_SPECS[key.keySpec];
  if (key.keySpec === 'SYMMETRIC_DEFAULT' || key.keySpec.startsWith('HMAC_')) {
    throw new KmsError('UnsupportedOperationException', `${key.arn} key usage is ${key.keyUsage} and key spec ${key.keySpec}, which has no public key.`);
  }
  if (!spec?.ecc || !key.material) {
    throw new KmsError('UnsupportedOperationException', `${key.arn}: the local KMS does not implement GetPublicKey for key spec ${key.keySpec}.`);
  }
  return {
    KeyId: key.arn,
    PublicKey: key.material.publicKeyDer().toString('base64'),
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    ...(key.keyUsage === 'SIGN_VERIFY' ? { SigningAlgorithms: [spec.ecc.algorithm] } : { KeyAgreementAlgorithms: ['ECDH'] }),
  };
};

