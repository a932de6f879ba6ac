/** CreateAlias and ListAliases. An alias names a key wherever a KeyId is taken, except in key-changing operations. */
import { KmsError, validationError } from '../errors.ts';
import { stringMember } from '../input.ts';
import { epochSeconds } from '../kms-key.ts';
import type { Operation } from './types.ts';

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

export const createAlias: Operation = (input, store) => {
  const aliasName = stringMember(input, 'AliasName', { required: true, min: 1, max: 256 });
  const targetKeyId = stringMember(input, 'TargetKeyId', { required: true, min: 1, max: 2048 });
  if (!ALIAS_NAME.test(aliasName)) throw validationError('aliasName', aliasName, `Member must satisfy regular expression pattern: ${ALIAS_NAME.source.slice(1, -1)}`);
  // The alias/aws/ prefix belongs to AWS managed keys.
  if (aliasName.startsWith('alias/aws/')) throw new KmsError('NotAuthorizedException', `Cannot create alias with prefix 'alias/aws/'`);
  const key = store.resolve(targetKeyId, false);
  if (key.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  store.createAlias(aliasName, key.keyId);
  return {};
};

/** All aliases, or a key's (KeyId: key id or key ARN). One page: the local KMS holds few. */
export const listAliases: Operation = (input, store) => {
  const keyId = stringMember(input, 'KeyId', { min: 1, max: 2048 });
  const target = keyId === undefined ? undefined : store.resolve(keyId, false).keyId;
  const aliases = store.listAliases().filter((alias) => target === undefined || alias.targetKeyId === target);
  return {
    Aliases: aliases.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: store.aliasArn(alias.aliasName),
      TargetKeyId: alias.targetKeyId,
      CreationDate: epochSeconds(alias.creationDate),
      LastUpdatedDate: epochSeconds(alias.creationDate),
    })),
    Truncated: false,
  };
};
