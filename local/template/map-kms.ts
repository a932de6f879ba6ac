import type { KmsKeyConfig } from '../stack-description.ts';
import { evaluate, evaluateString, IntrinsicError } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';

/**
 * AWS::KMS::Key → {@link KmsKeyConfig}, with the AliasName of every AWS::KMS::Alias whose TargetKeyId is the key
 * (its Ref, its Arn, or a literal key id or ARN the scope resolves to the key). Defaults are CloudFormation's:
 * KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Enabled true. Keys and aliases whose Condition fails are left
 * out; an alias whose target is not a key of the template is refused (nothing local could answer for it).
 */
export function toKmsKeyConfigs(scope: StackScope): KmsKeyConfig[] {
  const keys = scope.resources.filter((resource) => resource.Type === 'AWS::KMS::Key');
  const aliasesByKey = new Map<string, string[]>();
  for (const alias of scope.resources.filter((resource) => resource.Type === 'AWS::KMS::Alias')) {
    const properties = alias.Properties ?? {};
    const aliasName = evaluateString({ Ref: alias.logicalId }, scope, `${alias.logicalId}.AliasName`);
    const target = scope.identify(properties.TargetKeyId, 'AWS::KMS::Key', `AWS::KMS::Alias ${alias.logicalId} TargetKeyId`);
    if (!keys.some((key) => key.logicalId === target)) throw new IntrinsicError(`AWS::KMS::Alias ${alias.logicalId} targets key ${target}, which the stack does not create`);
    aliasesByKey.set(target, [...(aliasesByKey.get(target) ?? []), aliasName]);
  }
  return keys.map((resource) => {
    const properties = resource.Properties ?? {};
    const at = (name: string) => `${resource.logicalId}.${name}`;
    const description = properties.Description === undefined ? undefined : evaluateString(properties.Description, scope, at('Description'));
    const enabled = evaluate(properties.Enabled, scope);
    return {
      logicalId: resource.logicalId,
      keyId: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId),
      arn: evaluateString({ 'Fn::GetAtt': [resource.logicalId, 'Arn'] }, scope, at('Arn')),
      keySpec: properties.KeySpec === undefined ? 'SYMMETRIC_DEFAULT' : evaluateString(properties.KeySpec, scope, at('KeySpec')),
      keyUsage: properties.KeyUsage === undefined ? 'ENCRYPT_DECRYPT' : evaluateString(properties.KeyUsage, scope, at('KeyUsage')),
      ...(description === undefined ? {} : { description }),
      // CloudFormation takes the boolean or its string form.
      enabled: enabled === undefined ? true : enabled === true || enabled === 'true',
      aliases: aliasesByKey.get(resource.logicalId) ?? [],
    };
  });
}
