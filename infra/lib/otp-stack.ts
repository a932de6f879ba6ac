import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { OtpService } from './otp-service.ts';
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
    const codeTtlSeconds = props.codeTtlSeconds ?? this.numberFromContext('codeTtlSeconds');
    const rateWindowSeconds = props.rateWindowSeconds ?? this.numberFromContext('rateWindowSeconds');
    const resendCooldownSeconds = props.resendCooldownSeconds ?? this.numberFromContext('resendCooldownSeconds');
    this.otp = new OtpService(this, 'Otp', {
      senderEmail: props.senderEmail ?? this.stringFromContext('senderEmail') ?? 'no-reply@example.com',
      codeTtl: codeTtlSeconds === undefined ? undefined : Duration.seconds(codeTtlSeconds),
      maxAttempts: props.maxAttempts ?? this.numberFromContext('maxAttempts'),
      codeLength: props.codeLength ?? this.numberFromContext('codeLength'),
      maxCodesPerWindow: props.maxCodesPerWindow ?? this.numberFromContext('maxCodesPerWindow'),
      rateWindow: rateWindowSeconds === undefined ? undefined : Duration.seconds(rateWindowSeconds),
      resendCooldown: resendCooldownSeconds === undefined ? undefined : Duration.seconds(resendCooldownSeconds),
      resolverBundleDir: props.resolverBundleDir,
      enableWaf: props.enableWaf ?? this.booleanFromContext('enableWaf'),
      wafRequestsPer5Minutes: props.wafRequestsPer5Minutes ?? this.numberFromContext('wafRequestsPer5Minutes'),
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
