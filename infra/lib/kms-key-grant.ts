import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * A KMS operation a role may call on a key, spelled out (`kms:VerifyMac`): never a wildcard, so every grant reads as
 * exactly what it allows.
 */
export type KmsKeyAction = `kms:${string}`;

/**
 * Lets `grantee` call exactly `actions` on exactly `key`, in the two places KMS looks:
 * - the grantee's identity policy: one statement with these actions on the key's ARN;
 * - the key policy, when this app owns the key (a `kms.Key`; see createServiceKey, whose policy lets nobody use the
 *   key until a grant names them): one statement with these actions for the grantee's role. For an imported key
 *   (`kms.Key.fromKeyArn`) the key policy is its owner's; KMS's default key policy defers to IAM, so the identity
 *   statement is enough.
 *
 * `key.grant()` is not used: it writes only one of the two places, and which one depends on feature flags.
 *
 * @throws Error for a wildcard action, or no action at all.
 */
export function grantKeyActions(grantee: iam.IGrantable, key: kms.IKey, actions: readonly KmsKeyAction[]): void {
  if (actions.length === 0 || actions.some((action) => action.includes('*'))) {
    throw new Error(`grantKeyActions: name each KMS action (no wildcard), got [${actions.join(', ')}]`);
  }
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [key.keyArn] }));
  // In a key policy `*` is the key itself. allowNoOp: an imported key has no policy here to add to.
  key.addToResourcePolicy(new iam.PolicyStatement({ actions: [...actions], principals: [grantee.grantPrincipal], resources: ['*'] }), true);
}
