/**
 * One key of the local KMS: its metadata (what DescribeKey shows) and, for the specs of key-spec.ts, its material.
 * KeyMetadata is built field by field, so nothing of the material can slip into an answer.
 */
import type { KeyMaterial } from './key-material.ts';
import { SUPPORTED_KEY_SPECS } from './key-spec.ts';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  keySpec: string;
  keyUsage: string;
  description: string;
  creationDate: Date;
  state: KeyState;
  /** Set while PendingDeletion. */
  deletionDate?: Date;
  pendingWindowInDays?: number;
  /** Absent for specs the local KMS makes no material for (their cryptographic operations are refused). */
  material?: KeyMaterial;
}

/** Epoch seconds, as KMS's JSON protocol sends timestamps. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** KeyMetadata as DescribeKey, CreateKey and the like return it. */
export function keyMetadata(key: KmsKey): Record<string, unknown> {
  const supported = SUPPORTED_KEY_SPECS[key.keySpec];
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.creationDate),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    ...(key.deletionDate ? { DeletionDate: epochSeconds(key.deletionDate), PendingDeletionWindowInDays: key.pendingWindowInDays } : {}),
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    ...(key.keySpec === 'SYMMETRIC_DEFAULT' ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } : {}),
    ...(supported?.ecc && key.keyUsage === 'SIGN_VERIFY' ? { SigningAlgorithms: [supported.ecc.algorithm] } : {}),
    ...(supported?.hmac ? { MacAlgorithms: [supported.hmac.algorithm] } : {}),
    MultiRegion: false,
  };
}
