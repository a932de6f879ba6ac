/** The operations the local KMS serves, by the name in `X-Amz-Target: TrentService.<name>`. */
import { createAlias, listAliases } from './aliases.ts';
import { cancelKeyDeletion, createKey, describeKey, disableKey, enableKey, listKeys, scheduleKeyDeletion } from './keys.ts';
import { generateMac, verifyMac } from './mac.ts';
import { getPublicKey, signOperation, verifyOperation } from './signing.ts';
import type { Operation } from './types.ts';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  CreateAlias: createAlias,
  ListAliases: listAliases,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  Sign: signOperation,
  Verify: verifyOperation,
  GetPublicKey: getPublicKey,
};
