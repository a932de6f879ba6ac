import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { OtpService } from './otp-service.ts';
import type { WafChallenge } from './otp-service-props.ts';
import { suppressAcceptedNagFindings } from './nag-suppressions.ts';

/** Props of {@link OtpStack}; anything omitted is read from CDK context, then defaulted. */
export interface OtpStackProps extends StackProps {
  /**
   * Sender address (context `senderEmail`).
   * @default 'no-reply@example.com'
   */
  readonly senderEmail?: string;
  /**
   * Code lifetime in seconds (context `codeTtlSeconds`).
   * @default - the construct's default (300)
   */
  readonly codeTtlSeconds?: number;
  /**
   * Wrong codes allowed per session (context `maxAttempts`).
   * @default - the construct's default (5)
   */
  readonly maxAttempts?: number;
  /**
   * Digits per code (context `codeLength`).
   * @default - the construct's default (6)
   */
  readonly codeLength?: number;
  /**
   * Codes per address and window (context `maxCodesPerWindow`).
   * @default - the construct's default (5)
   */
  readonly maxCodesPerWindow?: number;
  /**
   * Length of the send-limit window in seconds (context `rateWindowSeconds`).
   * @default - the construct's default (900)
   */
  readonly rateWindowSeconds?: number;
  /**
   * Least seconds between two codes to one address, 0 for none (context `resendCooldownSeconds`).
   * @default - the construct's default (30)
   */
  readonly resendCooldownSeconds?: number;
  /**
   * Wrong codes per mailbox and failure window before it locks (context `failureBudget`).
   * @default - the construct's default (`OtpServiceProps.failureBudget`)
   */
  readonly failureBudget?: number;
  /**
   * Length of the failure window in seconds (context `failureWindowSeconds`).
   * @default - the construct's default (`OtpServiceProps.failureWindow`)
   */
  readonly failureWindowSeconds?: number;
  /**
   * First lock of a mailbox in seconds (context `lockoutSeconds`).
   * @default - the construct's default (`OtpServiceProps.lockout`)
   */
  readonly lockoutSeconds?: number;
  /**
   * Longest lock of a mailbox in seconds (context `maxLockoutSeconds`).
   * @default - the construct's default (`OtpServiceProps.maxLockout`)
   */
  readonly maxLockoutSeconds?: number;
  /**
   * Codes per minute for the whole service (context `globalSendsPerMinute`).
   * @default - the construct's default (`OtpServiceProps.globalSendsPerMinute`)
   */
  readonly globalSendsPerMinute?: number;
  /**
   * Codes per minute per email domain (context `domainSendsPerMinute`).
   * @default - the construct's default (`OtpServiceProps.domainSendsPerMinute`)
   */
  readonly domainSendsPerMinute?: number;
  /**
   * Where resolvers are bundled at synth time.
   * @default - the construct's default (`dist/resolvers`)
   */
  readonly resolverBundleDir?: string;
  /**
   * Put the WAF web ACL in front of the API (context `enableWaf`, `true` or `false`).
   * @default - the construct's default (true)
   */
  readonly enableWaf?: boolean;
  /**
   * Requests per client IP and 5 minutes before WAF blocks it (context `wafRequestsPer5Minutes`).
   * @default - the construct's default (1000)
   */
  readonly wafRequestsPer5Minutes?: number;
  /**
   * `generateOtp` requests per client IP and 5 minutes before WAF steps in (context
   * `wafGenerateOtpRequestsPer5Minutes`).
   * @default - the construct's default (`OtpServiceProps.wafGenerateOtpRequestsPer5Minutes`)
   */
  readonly wafGenerateOtpRequestsPer5Minutes?: number;
  /**
   * What WAF does to `generateOtp` requests past that limit (context `wafChallenge`: `NONE`, `CAPTCHA` or `CHALLENGE`).
   * @default - the construct's default (`OtpServiceProps.wafChallenge`)
   */
  readonly wafChallenge?: WafChallenge;
  /**
   * Topic the dead-letter-queue alarms notify.
   * @default - the alarms have no actions
   */
  readonly alarmTopic?: ITopic;
}

/** The deployable OTP service plus the outputs clients need (`cdk deploy --outputs-file`). */
export class OtpStack extends Stack {
  /** The service this stack deploys. */
  public readonly otp: OtpService;

  constructor(scope: Construct, id: string, props: OtpStackProps = {}) {
    super(scope, id, props);
    const seconds = (value: number | undefined): Duration | undefined => (value === undefined ? undefined : Duration.seconds(value));
    this.otp = new OtpService(this, 'Otp', {
      senderEmail: props.senderEmail ?? this.stringFromContext('senderEmail') ?? 'no-reply@example.com',
      codeTtl: seconds(props.codeTtlSeconds ?? this.numberFromContext('codeTtlSeconds')),
      maxAttempts: props.maxAttempts ?? this.numberFromContext('maxAttempts'),
      codeLength: props.codeLength ?? this.numberFromContext('codeLength'),
      maxCodesPerWindow: props.maxCodesPerWindow ?? this.numberFromContext('maxCodesPerWindow'),
      rateWindow: seconds(props.rateWindowSeconds ?? this.numberFromContext('rateWindowSeconds')),
      resendCooldown: seconds(props.resendCooldownSeconds ?? this.numberFromContext('resendCooldownSeconds')),
      failureBudget: props.failureBudget ?? this.numberFromContext('failureBudget'),
      failureWindow: seconds(props.failureWindowSeconds ?? this.numberFromContext('failureWindowSeconds')),
      lockout: seconds(props.lockoutSeconds ?? this.numberFromContext('lockoutSeconds')),
      maxLockout: seconds(props.maxLockoutSeconds ?? this.numberFromContext('maxLockoutSeconds')),
      globalSendsPerMinute: props.globalSendsPerMinute ?? this.numberFromContext('globalSendsPerMinute'),
      domainSendsPerMinute: props.domainSendsPerMinute ?? this.numberFromContext('domainSendsPerMinute'),
      resolverBundleDir: props.resolverBundleDir,
      enableWaf: props.enableWaf ?? this.booleanFromContext('enableWaf'),
      wafRequestsPer5Minutes: props.wafRequestsPer5Minutes ?? this.numberFromContext('wafRequestsPer5Minutes'),
      wafGenerateOtpRequestsPer5Minutes:
        props.wafGenerateOtpRequestsPer5Minutes ?? this.numberFromContext('wafGenerateOtpRequestsPer5Minutes'),
      // Checked against the allowed values by the construct, which names the prop in its error.
      wafChallenge: props.wafChallenge ?? (this.stringFromContext('wafChallenge') as WafChallenge | undefined),
      alarmTopic: props.alarmTopic,
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
    new CfnOutput(this, 'TableName', { value: this.otp.table.tableName });
    new CfnOutput(this, 'DlqUrl', { value: this.otp.deadLetterQueue.queueUrl });
  }

  private stringFromContext(key: string): string | undefined {
    const value: unknown = this.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  }

  /** `-c enableWaf=false` arrives as a string, cdk.json may hold a boolean. */
  private booleanFromContext(key: string): boolean | undefined {
    const text = this.stringFromContext(key);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') throw new Error(`Context '${key}' must be true or false, got '${text}'`);
    return text === 'true';
  }

  /** Context arrives as a string from `-c key=value` or CDK_CONTEXT_JSON, as a number from cdk.json. */
  private numberFromContext(key: string): number | undefined {
    const text = this.stringFromContext(key);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`Context '${key}' must be a number, got '${text}'`);
    return value;
  }
}
