import { Stack } from 'aws-cdk-lib/core';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { grantKeyActions, type KmsKeyAction } from './kms-key-grant.ts';

/** The signing service of KMS's endpoint, for SigV4 (`AwsIamConfig.SigningServiceName`). */
const KMS_SIGNING_SERVICE = 'kms';

/** The API's data source for AWS KMS, and the role AppSync signs its calls with. */
export interface KmsDataSource {
  /**
   * An HTTP data source on `https://kms.<region>.amazonaws.com`, signed with SigV4 for service `kms` (AWS_IAM). A
   * resolver speaks KMS's JSON 1.1 protocol to it: `POST /` with `content-type: application/x-amz-json-1.1` and
   * `x-amz-target: TrentService.<Operation>`.
   */
  readonly dataSource: appsync.HttpDataSource;
  /** Starts with no permission at all; {@link grant} adds exactly the operations and keys the resolvers use. */
  readonly role: iam.Role;
  /** Lets the resolvers call exactly `actions` on exactly `key` (see grantKeyActions). */
  grant(key: kms.IKey, ...actions: KmsKeyAction[]): void;
}

/**
 * Creates the API's KMS data source, `kms` in resolver file names (`N-name.[kms].ts`), with a role of its own. The
 * role is handed to the data source as `withoutPolicyUpdates()`, so only {@link KmsDataSource.grant} adds to it.
 *
 * @example
 * const kmsSource = createKmsDataSource(this, api);
 * kmsSource.grant(codeMacKey, 'kms:VerifyMac');
 */
export function createKmsDataSource(scope: Construct, api: appsync.GraphqlApi): KmsDataSource {
  const region = Stack.of(scope).region;
  const role = new iam.Role(scope, 'KmsDataSourceRole', {
    assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
    description: 'AppSync resolvers of the OTP API: the KMS operations they use, on the keys they use',
  });
  const dataSource = new appsync.HttpDataSource(api, 'KmsDataSource', {
    api,
    name: 'kms',
    description: 'AWS KMS (JSON 1.1 protocol), SigV4-signed',
    endpoint: `https://kms.${region}.amazonaws.com`,
    authorizationConfig: { signingRegion: region, signingServiceName: KMS_SIGNING_SERVICE },
    serviceRole: role.withoutPolicyUpdates(),
  });
  return { dataSource, role, grant: (key, ...actions) => grantKeyActions(role, key, actions) };
}
