import type { RemovalPolicy } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * What the account may do with a service key through IAM: administer it (the actions of KMS's default "key
 * administrators" statement), never use it. Without `kms:PutKeyPolicy` (in `kms:Put*`) for the account, KMS would
 * refuse the policy (its lockout safety check).
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

/** What {@link createServiceKey} makes. */
export interface ServiceKeyProps {
  readonly keySpec: kms.KeySpec;
  readonly keyUsage: kms.KeyUsage;
  readonly description: string;
  /** The alias, `alias/…`: how people find the key in the console and in CloudTrail. */
  readonly alias: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A KMS key only the roles granted with grantKeyActions may use. Its key policy lets the account administer it and
 * nothing else: KMS's default policy would let any principal whose IAM policy says `kms:*` use the key, while this
 * one needs a statement naming the role in the key policy itself.
 */
export function createServiceKey(scope: Construct, id: string, props: ServiceKeyProps): kms.Key {
  const policy = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ sid: 'AccountAdministersOnly', actions: [...KEY_ADMIN_ACTIONS], principals: [new iam.AccountRootPrincipal()], resources: ['*'] }),
    ],
  });
  return new kms.Key(scope, id, {
    keySpec: props.keySpec,
    keyUsage: props.keyUsage,
    description: props.description,
    alias: props.alias,
    removalPolicy: props.removalPolicy,
    policy,
  });
}
