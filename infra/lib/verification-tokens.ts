import { Duration, RemovalPolicy, type CfnResource } from 'aws-cdk-lib/core';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { JWKS_KEY_ID_SEPARATOR, JWKS_KEY_IDS_VARIABLE, JWKS_MAX_AGE_SECONDS } from '../model/index.ts';
import { grantKeyActions } from './kms-key-grant.ts';
import { FUNCTION_HANDLER, functionDir } from './package-assets.ts';
import { createServiceKey } from './service-key.ts';

/** Props of {@link VerificationTokens}. */
export interface VerificationTokensProps {
  /** The key that signs tokens; `undefined`: one is created (ECC_NIST_P256, SIGN_VERIFY, retained on removal). */
  readonly signingKey?: kms.IKey;
  /** Keys that signed tokens before, published beside the signing key until their last tokens expire. */
  readonly previousSigningKeys?: readonly kms.IKey[];
  /** How long the JWKS function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** The created key's alias, `alias/…`. */
  readonly keyAlias: string;
}

/**
 * The keys of verification tokens and where relying parties find them: the KMS signing key (its private half never
 * leaves KMS; verifyOtp signs through AppSync's `kms` HTTP data source) and the JWKS at a stable HTTPS URL.
 *
 * The JWKS is served by a small function behind a Lambda Function URL: KMS creates the key at deploy time, so its
 * public half is known only then, and a function that asks KMS (GetPublicKey, then cached per container) needs no
 * deploy-time custom resource, no bucket or distribution to keep in step, and picks up a rotation with the deployment
 * that makes it. A Function URL is one resource with a fixed HTTPS address for the function's life, and no API
 * Gateway to configure. Its answers are public and cacheable (`Cache-Control: public, max-age=300`), so a CDN can
 * be put in front of it.
 */
export class VerificationTokens extends Construct {
  /** Signs tokens; its key id is every token's `kid`. */
  public readonly signingKey: kms.IKey;
  /** The keys the JWKS lists: the signing key first, then the previous ones. */
  public readonly publishedKeys: readonly kms.IKey[];
  /** Answers the JWKS; its role may only read these keys' public halves. */
  public readonly jwksFunction: lambda.Function;
  /** The JWKS's address (auth NONE, GET, CORS for any origin). */
  public readonly jwksFunctionUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: VerificationTokensProps) {
    super(scope, id);
    this.signingKey =
      props.signingKey ??
      // Only the roles granted below may use it (service-key.ts): AppSync's KMS data source Sign, the JWKS function
      // GetPublicKey.
      createServiceKey(this, 'SigningKey', {
        description: 'Signs verification tokens (ES256) of the OTP service',
        keySpec: kms.KeySpec.ECC_NIST_P256,
        keyUsage: kms.KeyUsage.SIGN_VERIFY,
        alias: props.keyAlias,
        // Retained even when the service is removed or the key is replaced by one of your own (rotation): tokens it
        // signed stay valid until they expire, and their relying parties need its public key until then.
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.publishedKeys = [this.signingKey, ...(props.previousSigningKeys ?? [])];

    this.jwksFunction = new lambda.Function(this, 'JwksFunction', {
      code: lambda.Code.fromAsset(functionDir('serve-jwks')),
      handler: FUNCTION_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        [JWKS_KEY_IDS_VARIABLE]: this.publishedKeys.map((key) => key.keyId).join(JWKS_KEY_ID_SEPARATOR),
        POWERTOOLS_SERVICE_NAME: 'otp-jwks',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'JwksLogGroup', { retention: props.logRetention }),
    });
    // Least privilege: the public halves of the published keys, nothing else.
    for (const key of this.publishedKeys) grantKeyActions(this.jwksFunction, key, ['kms:GetPublicKey']);
    this.jwksFunctionUrl = this.jwksFunction.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      // Browsers may verify tokens too; the key set is public, so any origin may read it.
      cors: { allowedOrigins: ['*'], allowedMethods: [lambda.HttpMethod.GET], maxAge: Duration.seconds(JWKS_MAX_AGE_SECONDS) },
    });
  }

  /** The JWKS's URL (the Function URL, `https://<url-id>.lambda-url.<region>.on.aws/`). */
  public get jwksUrl(): string {
    return this.jwksFunctionUrl.url;
  }

  /**
   * Makes `resource` (the API) wait for the JWKS function on every deployment, so a new signing key is published
   * before the API signs its first token with it.
   */
  public publishBefore(resource: CfnResource): void {
    resource.node.addDependency(this.jwksFunction.node.defaultChild as CfnResource);
  }
}
