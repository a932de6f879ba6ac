/**
 * The key specs the local KMS makes key material for, and what each may do: KeyUsage and the algorithms KMS lists
 * for it (KeyMetadata.SigningAlgorithms / MacAlgorithms). Specs KMS has but this table lacks (RSA_*, other curves,
 * SYMMETRIC_DEFAULT…) are still accepted from a template: such keys exist (DescribeKey, aliases) but hold no local
 * material, and cryptographic operations on them answer UnsupportedOperationException.
 */

export type KeyUsage = 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'ENCRYPT_DECRYPT' | 'KEY_AGREEMENT';

/** What a key spec with local material supports. */
export interface SupportedKeySpec {
  usage: KeyUsage;
  /** HMAC: the hash and the secret's length in bytes (KMS's HMAC_<bits> keys hold a secret of <bits> bits). */
  hmac?: { algorithm: string; hash: string; secretBytes: number };
  /** ECC: the node:crypto curve and the one ECDSA algorithm KMS offers for it. */
  ecc?: { curve: string; algorithm: string; hash: string; digestBytes: number };
}

export const SUPPORTED_KEY_SPECS: Readonly<Record<string, SupportedKeySpec>> = {
  HMAC_224: { usage: 'GENERATE_VERIFY_MAC', hmac: { algorithm: 'HMAC_SHA_224', hash: 'sha224', secretBytes: 28 } },
  HMAC_256: { usage: 'GENERATE_VERIFY_MAC', hmac: { algorithm: 'HMAC_SHA_256', hash: 'sha256', secretBytes: 32 } },
  HMAC_384: { usage: 'GENERATE_VERIFY_MAC', hmac: { algorithm: 'HMAC_SHA_384', hash: 'sha384', secretBytes: 48 } },
  HMAC_512: { usage: 'GENERATE_VERIFY_MAC', hmac: { algorithm: 'HMAC_SHA_512', hash: 'sha512', secretBytes: 64 } },
  ECC_NIST_P256: { usage: 'SIGN_VERIFY', ecc: { curve: 'prime256v1', algorithm: 'ECDSA_SHA_256', hash: 'sha256', digestBytes: 32 } },
};

/** Every KeySpec value of KMS's model (for validation: a value outside it is a ValidationException). */
export const KMS_KEY_SPECS: readonly string[] = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87',
];

export const KMS_KEY_USAGES: readonly KeyUsage[] = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'];

export const KMS_SIGNING_ALGORITHMS: readonly string[] = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512', 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512', 'SM2DSA', 'ML_DSA_SHAKE_256',
];

export const KMS_MAC_ALGORITHMS: readonly string[] = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'];

/** The usages KMS allows for a spec (CreateKey refuses other pairs). */
export function usagesAllowedFor(keySpec: string): readonly KeyUsage[] {
  if (keySpec.startsWith('HMAC_')) return ['GENERATE_VERIFY_MAC'];
  if (keySpec === 'SYMMETRIC_DEFAULT') return ['ENCRYPT_DECRYPT'];
  if (keySpec.startsWith('RSA_')) return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
  if (keySpec === 'ECC_SECG_P256K1' || keySpec.startsWith('ML_DSA_')) return ['SIGN_VERIFY'];
  if (keySpec.startsWith('ECC_NIST_')) return ['SIGN_VERIFY', 'KEY_AGREEMENT'];
  return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'];
}

/** CreateKey's and AWS::KMS::Key's KeyUsage when none is given, whatever the spec (an HMAC key must name its usage). */
export const DEFAULT_KEY_USAGE: KeyUsage = 'ENCRYPT_DECRYPT';
