/**
 * Key management: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion.
 * Operations that change a key take only a key id or key ARN (not an alias), as KMS documents.
 */
import { KmsError } from '../errors.ts';
import { enumMember, integerMember, stringMember } from '../input.ts';
import { DEFAULT_KEY_USAGE, KMS_KEY_SPECS, KMS_KEY_USAGES, usagesAllowedFor } from '../key-spec.ts';
import { epochSeconds, keyMetadata } from '../kms-key.ts';
import type { Operation } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const createKey: Operation = (input, store) => {
  const keySpec = enumMember(input, 'KeySpec', KMS_KEY_SPECS) ?? enumMember(input, 'CustomerMasterKeySpec', KMS_KEY_SPECS) ?? 'SYMMETRIC_DEFAULT';
  const keyUsage = enumMember(input, 'KeyUsage', KMS_KEY_USAGES) ?? DEFAULT_KEY_USAGE;
  const description = stringMember(input, 'Description', { max: 8192 });
  const origin = stringMember(input, 'Origin');
  if (origin !== undefined && origin !== 'AWS_KMS') throw new KmsError('UnsupportedOperationException', `The local KMS makes key material itself: Origin ${origin} is not supported.`);
  if (!usagesAllowedFor(keySpec).includes(keyUsage as never)) {
    throw new KmsError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
  }
  const key = store.create({ keySpec, keyUsage, ...(description === undefined ? {} : { description }) });
  return { KeyMetadata: keyMetadata(key) };
};

export const describeKey: Operation = (input, store) => {
  const keyId = stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 });
  return { KeyMetadata: keyMetadata(store.resolve(keyId)) };
};

/** Limit 1–1000 (default 100); Marker is the opaque value of the previous page's NextMarker. */
export const listKeys: Operation = (input, store) => {
  const limit = integerMember(input, 'Limit', 1, 1000) ?? 100;
  const marker = stringMember(input, 'Marker', { min: 1, max: 1024 });
  const start = marker === undefined ? 0 : Number.parseInt(marker, 10);
  if (!Number.isInteger(start) || start < 0) throw new KmsError('InvalidMarkerException', 'Invalid marker');
  const keys = store.list();
  const page = keys.slice(start, start + limit);
  const truncated = start + limit < keys.length;
  return { Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })), Truncated: truncated, ...(truncated ? { NextMarker: String(start + limit) } : {}) };
};

/** The key of a state-changing operation (key id or key ARN), refused while pending deletion. */
function keyToChange(input: Parameters<Operation>[0], store: Parameters<Operation>[1]) {
  const key = store.resolve(stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 }), false);
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  return key;
}

export const disableKey: Operation = (input, store) => {
  store.update(keyToChange(input, store), { state: 'Disabled' });
  return {};
};

export const enableKey: Operation = (input, store) => {
  store.update(keyToChange(input, store), { state: 'Enabled' });
  return {};
};

/** PendingWindowInDays 7–30 (default 30); the key is gone once its deletion date has passed. */
export const scheduleKeyDeletion: Operation = (input, store) => {
  // The model's checks come before the key's state, as in KMS.
  const days = integerMember(input, 'PendingWindowInDays', 7, 30) ?? 30;
  const key = keyToChange(input, store);
  const deletionDate = new Date(store.now().getTime() + days * DAY_MS);
  store.update(key, { state: 'PendingDeletion', deletionDate, pendingWindowInDays: days });
  return { KeyId: key.arn, DeletionDate: epochSeconds(deletionDate), KeyState: 'PendingDeletion', PendingWindowInDays: days };
};

/** A key whose deletion is cancelled is Disabled, as in KMS. */
export const cancelKeyDeletion: Operation = (input, store) => {
  const key = store.resolve(stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 }), false);
  if (key.state !== 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
  store.update(key, { state: 'Disabled' });
  return { KeyId: key.arn };
};

