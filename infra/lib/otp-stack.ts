import { CfnOutput, Duration, Stack } from 'aws-cdk-lib/core';
import type { StackProps } from 'aws-cdk-lib/core';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { OtpService } from './otp-service.ts';
import type { OtpServiceProps } from './otp-service-props.ts';
import type { SignInFlow } from '../model/index.ts';
import { suppressAcceptedNagFindings } from './nag-suppressions.ts';

/** Props of {@link OtpStack}. */
export interface OtpStackProps extends StackProps {
  /**
   * The service's props. Each one omitted is read from CDK context (see {@link CONTEXT_PROPS}), then defaulted by
   * the construct; `senderEmail` defaults to `no-reply@example.com`.
   */
  readonly otp?: Partial<OtpServiceProps>;
}

/**
 * How a context value becomes a prop: its name, and whether it is a number, a duration in seconds, a boolean, text, a
 * list, or KMS keys named by ARN (one, or a comma-separated list).
 */
type ContextProp = readonly [keyof OtpServiceProps, 'number' | 'seconds' | 'boolean' | 'string' | 'list' | 'key' | 'keys'];

/** The CDK context keys `cdk deploy -c key=value` (and the local stack's `--context`) may set. */
export const CONTEXT_PROPS: Readonly<Record<string, ContextProp>> = {
  senderEmail: ['senderEmail', 'string'],
  codeTtlSeconds: ['codeTtl', 'seconds'],
  maxAttempts: ['maxAttempts', 'number'],
  codeLength: ['codeLength', 'number'],
  maxCodesPerWindow: ['maxCodesPerWindow', 'number'],
  rateWindowSeconds: ['rateWindow', 'seconds'],
  resendCooldownSeconds: ['resendCooldown', 'seconds'],
  failureBudget: ['failureBudget', 'number'],
  failureWindowSeconds: ['failureWindow', 'seconds'],
  lockoutSeconds: ['lockout', 'seconds'],
  maxLockoutSeconds: ['maxLockout', 'seconds'],
  globalSendsPerMinute: ['globalSendsPerMinute', 'number'],
  domainSendsPerMinute: ['domainSendsPerMinute', 'number'],
  smsCountries: ['smsCountries', 'list'],
  smsGlobalSendsPerHour: ['smsGlobalSendsPerHour', 'number'],
  smsCountrySendsPerHour: ['smsCountrySendsPerHour', 'number'],
  smsSenderId: ['smsSenderId', 'string'],
  smsOriginationNumber: ['smsOriginationNumber', 'string'],
  smsMonthlySpendAlarmUsd: ['smsMonthlySpendAlarmUsd', 'number'],
  enableWaf: ['enableWaf', 'boolean'],
  wafRequestsPer5Minutes: ['wafRequestsPer5Minutes', 'number'],
  wafGenerateOtpRequestsPer5Minutes: ['wafGenerateOtpRequestsPer5Minutes', 'number'],
  // Checked against the allowed values by the construct, which names the prop in its error.
  wafChallenge: ['wafChallenge', 'string'],
  // Comma-separated (`-c allowedAudiences=https://shop.example,https://admin.example`), or a list in cdk.json.
  allowedAudiences: ['allowedAudiences', 'list'],
  tokenLifetimeSeconds: ['tokenLifetime', 'seconds'],
  // The code MAC key rotation (README, "Rotating the code MAC key"): `-c codeMacKeyArn=arn:aws:kms:…:key/…` and the
  // keys it replaces, while codes they MAC'd may be pending, as `-c previousCodeMacKeyArns=arn:…,arn:…`.
  codeMacKeyArn: ['codeMacKey', 'key'],
  previousCodeMacKeyArns: ['previousCodeMacKeys', 'keys'],
};

/** The deployable OTP service plus the outputs clients need (`cdk deploy --outputs-file`). */
export class OtpStack extends Stack {
  /** The service this stack deploys. */
  public readonly otp: OtpService;

  constructor(scope: Construct, id: string, props: OtpStackProps = {}) {
    super(scope, id, props);
    const fromContext: Partial<Record<keyof OtpServiceProps, unknown>> = {};
    for (const [key, [prop, kind]] of Object.entries(CONTEXT_PROPS)) {
      const value = this.contextValue(key, kind);
      if (value !== undefined) fromContext[prop] = value;
    }
    this.otp = new OtpService(this, 'Otp', {
      senderEmail: 'no-reply@example.com',
      // The product signs users in with either flow, through a pool of its own (README: "Sign-in with Cognito");
      // `-c signInFlow=mfa|passwordless` narrows it.
      signIn: { flow: this.signInFlowContext() },
      ...(fromContext as Partial<OtpServiceProps>),
      ...props.otp,
    });
    suppressAcceptedNagFindings(this.otp);

    const cfnApi = this.otp.api.node.defaultChild as CfnGraphQLApi;
    new CfnOutput(this, 'GraphqlUrl', { value: this.otp.api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: cfnApi.attrRealtimeUrl });
    new CfnOutput(this, 'ApiKeyId', {
      description: 'The API key value clients send as x-api-key',
      value: this.otp.api.apiKey ?? '',
    });
    new CfnOutput(this, 'CodeLength', {
      description: 'Digits per code, for clients that size their code field (the web app reads it as VITE_OTP_CODE_LENGTH)',
      value: String(this.otp.settings.codeLength),
    });
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'DefaultAudience', {
      description: "The audience of sessions that name none: a relying party checks a verification's audience against it",
      value: this.otp.defaultAudience,
    });
    new CfnOutput(this, 'JwksUrl', {
      description: "The public keys of verifyOtp's tokens (JWKS): a relying party verifies a token's signature with them",
      value: this.otp.jwksUrl,
    });
    new CfnOutput(this, 'TokenSigningKeyArn', {
      description: 'The KMS key that signs tokens now (its key id is their kid): name it in previousTokenSigningKeys when you rotate',
      value: this.otp.verificationTokens.signingKey.keyArn,
    });
    new CfnOutput(this, 'CodeMacKeyArn', {
      description: "The KMS key new codes' MACs are made with: name it in previousCodeMacKeyArns when you rotate it",
      value: this.otp.codeMacKey.keyArn,
    });
    new CfnOutput(this, 'TableName', { value: this.otp.table.tableName });
    if (this.otp.userPool && this.otp.userPoolClient && this.otp.signInFactor) {
      new CfnOutput(this, 'SignInFlow', {
        description: 'The sign-in flow the pool allows (passwordless | mfa | either): the web app shows only those pages',
        value: this.otp.signInFactor.flow,
      });
      new CfnOutput(this, 'UserPoolId', { description: 'The user pool whose custom-auth sign-in uses the OTP', value: this.otp.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', {
        description: 'The app client for browsers (CUSTOM_AUTH only: CUSTOM_WITHOUT_SRP / CUSTOM_WITH_SRP)',
        value: this.otp.userPoolClient.userPoolClientId,
      });
    }
    new CfnOutput(this, 'DlqUrl', { value: this.otp.deadLetterQueue.queueUrl });
  }

  /** The `signInFlow` context value (checked by the construct, which names the prop), or 'either'. */
  private signInFlowContext(): SignInFlow {
    const raw: unknown = this.node.tryGetContext('signInFlow');
    return raw === undefined || raw === null || raw === '' ? 'either' : (String(raw) as SignInFlow);
  }

  /** Context arrives as a string from `-c key=value` or CDK_CONTEXT_JSON, as a number or boolean from cdk.json. */
  private contextValue(key: string, kind: ContextProp[1]): string | string[] | number | boolean | Duration | kms.IKey | kms.IKey[] | undefined {
    const raw: unknown = this.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return undefined;
    const list = () => (Array.isArray(raw) ? raw.map(String) : String(raw).split(',').map((entry) => entry.trim()));
    if (kind === 'list') return list();
    if (kind === 'key' || kind === 'keys') {
      const keys = list().map((arn, index) => {
        if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(arn)) throw new Error(`Context '${key}' must be KMS key ARNs, got '${arn}'`);
        return kms.Key.fromKeyArn(this, `${key}${index}`, arn);
      });
      if (kind === 'key' && keys.length !== 1) throw new Error(`Context '${key}' must be one KMS key ARN`);
      return kind === 'key' ? keys[0] : keys;
    }
    const text = String(raw);
    if (kind === 'string') return text;
    if (kind === 'boolean') {
      if (text !== 'true' && text !== 'false') throw new Error(`Context '${key}' must be true or false, got '${text}'`);
      return text === 'true';
    }
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`Context '${key}' must be a number, got '${text}'`);
    return kind === 'seconds' ? Duration.seconds(value) : value;
  }
}
