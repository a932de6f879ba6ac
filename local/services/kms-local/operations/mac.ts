/** GenerateMac and VerifyMac (HMAC keys, GENERATE_VERIFY_MAC). Messages are 1–4096 bytes, MACs at most 6144. */
import { KmsError } from '../errors.ts';
import { blobMember, enumMember, stringMember } from '../input.ts';
import { KMS_MAC_ALGORITHMS } from '../key-spec.ts';
import { usableKey } from '../usable-key.ts';
import type { Operation } from './types.ts';

export const generateMac: Operation = (input, store) => {
  const keyId = stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 });
  const message = blobMember(input, 'Message', 1, 4096);
  const macAlgorithm = enumMember(input, 'MacAlgorithm', KMS_MAC_ALGORITHMS, true);
  const { key, material } = usableKey(store, keyId, 'GenerateMac', 'GENERATE_VERIFY_MAC', macAlgorithm);
  return { KeyId: key.arn, Mac: material.mac(message).toString('base64'), MacAlgorithm: macAlgorithm };
};

/** A MAC that does not match is KMSInvalidMacException, never `MacValid: false` (KMS answers exactly so). */
export const verifyMac: Operation = (input, store) => {
  const keyId = stringMember(input, 'KeyId', { required: true, min: 1, max: 2048 });
  const message = blobMember(input, 'Message', 1, 4096);
  const macAlgorithm = enumMember(input, 'MacAlgorithm', KMS_MAC_ALGORITHMS, true);
  const mac = blobMember(input, 'Mac', 1, 6144);
  const { key, material } = usableKey(store, keyId, 'VerifyMac', 'GENERATE_VERIFY_MAC', macAlgorithm);
  if (!material.verifyMac(message, mac)) throw new KmsError('KMSInvalidMacException', 'MAC verification failed.');
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: macAlgorithm };
};
