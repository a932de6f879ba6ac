import { CfnResource, Duration, Fn, Names, Stack, Token } from 'aws-cdk-lib/core';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiEnvironment, PUBLISHER_ROLE_ARN_VARIABLE, tokenEnvironment } from './api-environment.ts';
import { createDeadLetterAlarm } from './dead-letter-alarm.ts';
import { sendAsSenderStatement, sessionUpdateStatement } from './email-function-policy.ts';
import { SesFeedback, suppressionReadStatement } from './ses-feedback.ts';
import { assertApiEnvironmentLimits } from './sms-destinations.ts';
import { publishToPhoneNumbersStatement, smsSessionUpdateStatement } from './sms-function-policy.ts';
import { OtpWebAcl } from './otp-web-acl.ts';
import { createKmsDataSource, type KmsDataSource } from './kms-data-source.ts';
import { grantKeyActions } from './kms-key-grant.ts';
import { createServiceKey } from './service-key.ts';
import { schemaForAuthModes } from './schema-auth-modes.ts';
import { SignInFactor, signInPolicyEnvironment } from './sign-in-factor.ts';
import { createTableDataSource } from './table-data-source.ts';
import { VerificationTokens } from './verification-tokens.ts';
import { FUNCTION_HANDLER, functionDir, readResolverManifest, RESOLVERS_DIR, SCHEMA_FILE } from './package-assets.ts';
import { BRAND_VARIABLE, CHANNEL_ATTRIBUTE, CODE_MAC_KEY_VARIABLE, EMAIL_CHANNEL, PURPOSE_ATTRIBUTE, SESSION_KEY_PREFIX, SMS_CHANNEL, brandVariable } from '../model/index.ts';
import { resolveOtpServiceProps, resolveSignInFlow, sesIdentityNames } from './otp-service-props.ts';
import type { OtpServiceProps, ResolvedOtpServiceProps } from './otp-service-props.ts';

export type { OtpServiceProps } from './otp-service-props.ts';

/** The mutation the publisher calls; the only field its IAM policy allows. */
const PUBLISH_FIELD = 'publishOtpVerified';

/** Lambda's lower bound for a stream mapping's maximum record age (60 s to 7 days, or -1 for none). */
const MIN_MAX_RECORD_AGE_SECONDS = 60;

/** How long the API's and the functions' CloudWatch logs are kept. */
const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * Email one-time-password verification: an AppSync API whose APPSYNC_JS resolvers write sessions to a
 * DynamoDB table, and a stream-triggered Lambda that draws each code, stores its MAC and emails it via SES.
 *
 * The code's MAC is made by AWS KMS (GenerateMac, in the Lambda) and checked by AWS KMS (VerifyMac, from the verifyOtp
 * pipeline through an IAM-signed HTTP data source) with an HMAC_256 key that never leaves KMS: no secret is in any
 * environment variable, template or log, and reading the configuration and the table together no longer lets anyone
 * brute-force a pending code offline. The price is one KMS request per code sent and one or more per code checked
 * (one per code stored on the session until one matches, at most MAX_CODES_PER_SESSION).
 *
 * @example
 * const otp = new OtpService(this, 'Otp', { senderEmail: 'no-reply@example.com' });
 * otp.api.grantQuery(backendRole, 'verification');
 */
export class OtpService extends Construct {
  /**
   * Sessions (`pk = SESSION#<id>`) and send-limit counters (`RATE#…`, `COOLDOWN#…`), TTL on `expiresAt`, stream of
   * new and old images (the old image tells the PENDING → VERIFIED transition from later writes).
   */
  public readonly table: dynamodb.ITable;
  /**
   * The KMS key (HMAC_256) new codes' MACs are made with: `codeMacKey` when given, else a key of the construct's own
   * whose key policy lets the account only administer it. Sessions store the ARN of the key that made their MACs.
   */
  public readonly codeMacKey: kms.IKey;
  /** The GraphQL API (API key by default, IAM for backend services). */
  public readonly api: appsync.GraphqlApi;
  /**
   * The data source every resolver and pipeline function runs on. Its `grantPrincipal` ignores grants: add
   * permissions to {@link tableDataSourceRole} instead.
   */
  public readonly tableDataSource: appsync.DynamoDbDataSource;
  /** The role AppSync assumes for {@link tableDataSource}: item reads and writes on the table only (table-data-source.ts). */
  public readonly tableDataSourceRole: iam.Role;
  /**
   * The API's AWS KMS data source (`[kms]` in resolver file names) and its role, which may call only the operations
   * granted with `kmsDataSource.grant(key, ...actions)` on those keys (kms-data-source.ts).
   */
  public readonly kmsDataSource: KmsDataSource;
  /** The stream-triggered function that emails the codes. */
  public readonly emailFunction: lambda.Function;
  /**
   * Deliverability: the SES configuration set every email is sent with, its SNS event destination and the function
   * that records hard bounces and complaints as suppressed mailboxes (`SUPPRESSED#<mailbox>`), with its DLQ and alarm.
   */
  public readonly sesFeedback: SesFeedback;
  /** Receives an invocation record for every stream batch the function gave up on. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The stream-triggered function that publishes `publishOtpVerified` (IAM) for each verified session. */
  public readonly verificationEventFunction: lambda.Function;
  /** Receives an invocation record for every stream batch the publisher gave up on. */
  public readonly verificationEventDeadLetterQueue: sqs.Queue;
  /** The API's log group (`/aws/appsync/apis/<apiId>`, errors only, no request or response bodies). */
  public readonly apiLogGroup: logs.LogGroup;
  /** The WAF web ACL in front of the API, unless `enableWaf` is false. */
  public readonly webAcl?: OtpWebAcl;
  /** The stream-triggered function that texts the codes of SMS sessions (SNS Publish to the number). */
  public readonly smsFunction: lambda.Function;
  /** Receives an invocation record for every stream batch the SMS function gave up on. */
  public readonly smsDeadLetterQueue: sqs.Queue;
  /** In alarm while {@link smsDeadLetterQueue} holds a message. */
  public readonly smsDeadLetterAlarm: cloudwatch.Alarm;
  /** In alarm once the account's month-to-date SMS spend (SNS `SMSMonthToDateSpentUSD`) reaches `smsMonthlySpendAlarmUsd`. */
  public readonly smsSpendAlarm: cloudwatch.Alarm;
  /** In alarm while {@link deadLetterQueue} holds a message. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** In alarm while {@link verificationEventDeadLetterQueue} holds a message. */
  public readonly verificationEventDeadLetterAlarm: cloudwatch.Alarm;
  /** The settings in effect after defaults (durations in seconds). */
  public readonly settings: ResolvedOtpServiceProps;
  /**
   * The audience of sessions whose `generateOtp` names none: this service's unique id in the CDK app (known at
   * synth time; the API's own id cannot reach its environment, see DEFAULT_AUDIENCE_VARIABLE in infra/model).
   */
  public readonly defaultAudience: string;
  /**
   * What signs `verifyOtp`'s tokens (a KMS key, used through {@link kmsDataSource} with `kms:Sign` only) and publishes
   * their public keys (the JWKS function behind a Function URL).
   */
  public readonly verificationTokens: VerificationTokens;
  /** With `signIn`: the OTP as a Cognito custom-auth factor (its three triggers, the pool and the app client). */
  public readonly signInFactor?: SignInFactor;
  /** With `signIn`: the user pool whose custom-auth sign-in sends and checks this service's codes. */
  public readonly userPool?: cognito.UserPool;
  /** With `signIn`: the pool's app client for browsers (CUSTOM_AUTH and refresh only, no secret). */
  public readonly userPoolClient?: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: OtpServiceProps) {
    super(scope, id);
    // Validate before creating anything so a bad prop fails fast and without bundling.
    this.settings = resolveOtpServiceProps(props);
    const settings = this.settings;
    this.defaultAudience = Names.uniqueId(this);
    const signInFlow = props.signIn ? resolveSignInFlow(props.signIn) : undefined;

    if (props.existingTable && !props.existingTable.tableStreamArn) {
      throw new Error('OtpService existingTable must have a stream (new and old images): import it with tableStreamArn.');
    }
    this.table =
      props.existingTable ??
      new dynamodb.Table(this, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        timeToLiveAttribute: 'expiresAt',
        stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        removalPolicy: settings.removalPolicy,
      });

    // Stored MACs are worthless without their key, so the construct's key lives exactly as long as the table.
    this.codeMacKey =
      props.codeMacKey ??
      createServiceKey(this, 'CodeMacKey', {
        keySpec: kms.KeySpec.HMAC_256,
        keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
        description: 'MACs of one-time codes (GenerateMac by the email function, VerifyMac by the API)',
        alias: `alias/${Names.uniqueId(this)}/code-mac`,
        removalPolicy: settings.removalPolicy,
      });

    // Before the API, which may name the pool as an auth mode; the triggers refer to the table and keys, never the API.
    if (props.signIn && signInFlow) {
      this.signInFactor = new SignInFactor(this, 'SignIn', {
        table: this.table,
        codeMacKeys: [this.codeMacKey, ...(props.previousCodeMacKeys ?? [])],
        policyEnvironment: signInPolicyEnvironment(settings, { tableName: this.table.tableName, defaultAudience: this.defaultAudience }),
        flow: signInFlow,
        userPool: props.signIn.userPool,
        removalPolicy: settings.removalPolicy,
        logRetention: LOG_RETENTION,
      });
      this.userPool = this.signInFactor.userPool;
      this.userPoolClient = this.signInFactor.userPoolClient;
    }

    // AppSync writes its logs with this role; it may write to the API's own log group and nothing else.
    const apiLogRole = new iam.Role(this, 'ApiLogRole', { assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com') });
    this.api = this.createApi(settings, props);
    // Set on the L1: GraphqlApi's logConfig always adds a log-retention custom resource, i.e. a Lambda function
    // (and its role) that would race this log group for the name and that the local stack would have to run.
    // Errors only, and never verbose content: request/response bodies and resolver evaluations would hold the
    // codes users submit (verifyOtp) and the messages sent to KMS, which are the session id and the code.
    (this.api.node.defaultChild as appsync.CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: apiLogRole.roleArn,
      fieldLogLevel: appsync.FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    // AppSync logs to this fixed name; creating the group here gives it a retention.
    this.apiLogGroup = new logs.LogGroup(this, 'ApiLogGroup', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: LOG_RETENTION,
    });
    this.apiLogGroup.grantWrite(apiLogRole);
    if (settings.enableWaf) {
      this.webAcl = new OtpWebAcl(this, 'WebAcl', {
        apiArn: this.api.arn,
        requestsPer5Minutes: settings.wafRequestsPer5Minutes,
        generateOtpRequestsPer5Minutes: settings.wafGenerateOtpRequestsPer5Minutes,
        generateOtpChallenge: settings.wafChallenge,
        metricPrefix: settings.apiName.replace(/[^A-Za-z0-9_-]/g, '-'),
      });
    }
    const tableDataSource = createTableDataSource(this, this.api, this.table);
    this.tableDataSource = tableDataSource.dataSource;
    this.tableDataSourceRole = tableDataSource.role;
    this.kmsDataSource = createKmsDataSource(this, this.api);
    // verifyOtp checks a code with the key its session names: the current one, or one it replaced (a rotation).
    for (const key of [this.codeMacKey, ...(props.previousCodeMacKeys ?? [])]) this.kmsDataSource.grant(key, 'kms:VerifyMac');
    this.verificationTokens = this.createVerificationTokens(settings, props);
    this.attachResolvers();

    this.deadLetterQueue = new sqs.Queue(this, 'EmailDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.sesFeedback = new SesFeedback(this, 'SesFeedback', {
      table: this.table,
      suppressionPeriodSeconds: settings.suppressionPeriodSeconds,
      removalPolicy: settings.removalPolicy,
      logRetention: LOG_RETENTION,
      alarmTopic: props.alarmTopic,
    });
    this.emailFunction = this.createEmailFunction(settings);

    this.smsDeadLetterQueue = new sqs.Queue(this, 'SmsDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.smsFunction = this.createSmsFunction(settings);

    this.verificationEventDeadLetterQueue = new sqs.Queue(this, 'VerificationEventDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.verificationEventFunction = this.createVerificationEventFunction();
    // Set here, not with the others: the function needs the API's URL first. No cycle: the API refers to the role,
    // a resource of its own, and the function (not the role) refers to the API.
    this.api.addEnvironmentVariable(PUBLISHER_ROLE_ARN_VARIABLE, this.verificationEventFunction.role!.roleArn);

    this.deadLetterAlarm = createDeadLetterAlarm(
      this,
      'EmailDeadLetterAlarm',
      this.deadLetterQueue,
      'OTP emails failed after all retries: the email dead-letter queue holds stream batches no code was sent for',
      props.alarmTopic,
    );
    this.smsDeadLetterAlarm = createDeadLetterAlarm(
      this,
      'SmsDeadLetterAlarm',
      this.smsDeadLetterQueue,
      'OTP texts failed after all retries: the SMS dead-letter queue holds stream batches no code was sent for',
      props.alarmTopic,
    );
    this.smsSpendAlarm = new cloudwatch.Alarm(this, 'SmsMonthlySpendAlarm', {
      alarmDescription:
        `The account's SMS spend this month reached ${settings.smsMonthlySpendAlarmUsd} USD (SNS SMSMonthToDateSpentUSD): ` +
        'check for SMS pumping (per-country sends) before the account-level MonthlySpendLimit stops every text',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: settings.smsMonthlySpendAlarmUsd,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) this.smsSpendAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    // AppSync's limits (50 variables, 512 characters a value), checked with a message naming the prop to change.
    assertApiEnvironmentLimits((this.api as unknown as { environmentVariables: Record<string, string> }).environmentVariables);
    this.verificationEventDeadLetterAlarm = createDeadLetterAlarm(
      this,
      'VerificationEventDeadLetterAlarm',
      this.verificationEventDeadLetterQueue,
      'Verification events failed after all retries: their dead-letter queue holds batches nobody was notified of',
      props.alarmTopic,
    );
  }

  /**
   * Lets `grantee` look verifications up: the IAM-only `Query.verification(sessionId)` (a backend checks that a session
   * a browser hands it was verified, and for which email).
   */
  public grantVerificationLookup(grantee: iam.IGrantable): iam.Grant {
    return this.api.grantQuery(grantee, 'verification');
  }

  /**
   * Lets `grantee` consume verifications: the IAM-only `Mutation.consumeVerification(sessionId)` (a backend uses up a
   * verified session exactly once, so the same session cannot be accepted twice).
   */
  public grantConsumeVerification(grantee: iam.IGrantable): iam.Grant {
    return this.api.grantMutation(grantee, 'consumeVerification');
  }

  /** The JWKS's HTTPS URL: the public keys a relying party verifies `verifyOtp`'s tokens with. */
  public get jwksUrl(): string {
    return this.verificationTokens.jwksUrl;
  }

  /** Lets `grantee` subscribe to verification events: the IAM-only `Subscription.onOtpVerified`. */
  public grantVerificationEvents(grantee: iam.IGrantable): iam.Grant {
    return this.api.grantSubscription(grantee, 'onOtpVerified');
  }

  /** The package's schema, for the auth modes this API has (schema-auth-modes.ts). */
  private schemaFile(): appsync.SchemaFile {
    const schema = appsync.SchemaFile.fromAsset(SCHEMA_FILE);
    schema.definition = schemaForAuthModes(schema.definition, { userPools: this.userPool !== undefined });
    return schema;
  }

  private createApi(settings: ResolvedOtpServiceProps, props: OtpServiceProps): appsync.GraphqlApi {
    return new appsync.GraphqlApi(this, 'Api', {
      name: settings.apiName,
      xrayEnabled: true,
      definition: appsync.Definition.fromSchema(this.schemaFile()),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.API_KEY,
          apiKeyConfig: props.apiKeyExpiration ? { expires: props.apiKeyExpiration } : undefined,
        },
        additionalAuthorizationModes: [
          { authorizationType: appsync.AuthorizationType.IAM },
          // Step-up: users signed in to the service's pool (any of its app clients) call generateOtp and verifyOtp
          // with their ID token (schema.graphql's @aws_cognito_user_pools); the default mode stays the API key.
          ...(this.userPool
            ? [{ authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: this.userPool } }]
            : []),
        ],
      },
      environmentVariables: apiEnvironment(settings, {
        tableName: this.table.tableName,
        defaultAudience: this.defaultAudience,
      }),
      // The schema is shallow; tight limits make abusive queries cheap to refuse.
      queryDepthLimit: 5,
      // Every operation of this API is one field with one resolver, so one resolver per request is all a client
      // needs, and a request can start at most one verification: a second (aliased) generateOtp in the same request
      // is refused with a GraphQL error instead of sending another email. The local engine honours this limit too.
      resolverCountLimit: 1,
    });
  }

  /**
   * The token signing key and the JWKS. The resolvers may only Sign with the key, and learn its id (the tokens' `kid`)
   * and the tokens' lifetime from the API's environment; the API is updated after the JWKS function, so a new key is
   * published before the first token it signs.
   */
  private createVerificationTokens(settings: ResolvedOtpServiceProps, props: OtpServiceProps): VerificationTokens {
    const tokens = new VerificationTokens(this, 'Tokens', {
      signingKey: props.tokenSigningKey,
      previousSigningKeys: props.previousTokenSigningKeys,
      logRetention: LOG_RETENTION,
      keyAlias: `alias/${Names.uniqueId(this)}/token-signing`,
    });
    this.kmsDataSource.grant(tokens.signingKey, 'kms:Sign');
    for (const [name, value] of Object.entries(tokenEnvironment(settings, tokens.signingKey.keyId))) {
      this.api.addEnvironmentVariable(name, value);
    }
    tokens.publishBefore(this.api.node.defaultChild as CfnResource);
    return tokens;
  }

  /**
   * Attaches the package's prebuilt resolvers (its manifest lists them): each unit resolver and pipeline function on
   * the data source its file names (`Type.field.[table].ts`, `N-name.[kms].ts`). `publishOtpVerified` runs on the
   * table too: it reads the session, to publish only what the table says.
   */
  private attachResolvers(): void {
    const runtime = appsync.FunctionRuntime.JS_1_0_0;
    const code = (file: string) => appsync.Code.fromAsset(`${RESOLVERS_DIR}${file}`);
    const dataSources: Record<string, appsync.BaseDataSource> = { table: this.tableDataSource, kms: this.kmsDataSource.dataSource };
    const dataSource = (name: string | undefined, what: string): appsync.BaseDataSource => {
      const found = name === undefined ? undefined : dataSources[name];
      if (!found) throw new Error(`${what} names data source [${name}]; the OtpService has ${Object.keys(dataSources).join(', ')}`);
      return found;
    };
    for (const resolver of readResolverManifest().resolvers) {
      const id = `${resolver.typeName}${capitalize(resolver.fieldName)}`;
      const field = `${resolver.typeName}.${resolver.fieldName}`;
      if (resolver.kind === 'UNIT') {
        dataSource(resolver.dataSource, field).createResolver(`${id}Resolver`, {
          typeName: resolver.typeName,
          fieldName: resolver.fieldName,
          runtime,
          code: code(resolver.file),
        });
        continue;
      }
      const pipelineConfig = resolver.functions.map(
        (fn) =>
          new appsync.AppsyncFunction(this, `${id}${capitalize(identifierOf(fn.name))}Function`, {
            api: this.api,
            dataSource: dataSource(fn.dataSource, `${field} ${fn.name}`),
            name: identifierOf(`${resolver.typeName}_${resolver.fieldName}_${fn.name}`),
            runtime,
            code: code(fn.file),
          }),
      );
      new appsync.Resolver(this, `${id}Resolver`, {
        api: this.api,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        runtime,
        code: code(resolver.file),
        pipelineConfig,
      });
    }
  }

  private createEmailFunction(settings: ResolvedOtpServiceProps): lambda.Function {
    const fn = new lambda.Function(this, 'SendOtpEmailFunction', {
      code: lambda.Code.fromAsset(functionDir('send-otp-email')),
      handler: FUNCTION_HANDLER,
      // Node 20 reached end of support on Lambda in 2026; 22 is the current LTS runtime.
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        SENDER_EMAIL: settings.senderEmail,
        SES_CONFIGURATION_SET: this.sesFeedback.configurationSet.configurationSetName,
        [BRAND_VARIABLE]: brandVariable(settings.brand),
        OTP_CODE_LENGTH: String(settings.codeLength),
        OTP_TTL_SECONDS: String(settings.codeTtlSeconds),
        TABLE_NAME: this.table.tableName,
        [CODE_MAC_KEY_VARIABLE]: this.codeMacKey.keyArn,
        POWERTOOLS_SERVICE_NAME: 'otp-email',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'SendOtpEmailLogGroup', { retention: LOG_RETENTION }),
    });

    // Least privilege: the function only MACs codes with the current key, records codes and the outcome of the send
    // on sessions, and sends as the sender address (see email-function-policy.ts for what each condition does).
    grantKeyActions(fn, this.codeMacKey, ['kms:GenerateMac']);
    fn.addToRolePolicy(sessionUpdateStatement(this.table.tableArn, SESSION_KEY_PREFIX));
    fn.addToRolePolicy(suppressionReadStatement(this.table.tableArn));
    fn.addToRolePolicy(
      sendAsSenderStatement(settings.senderEmail, [
        ...this.senderIdentityArns(settings.senderEmail),
        this.sesFeedback.configurationSetArn(),
      ]),
    );

    fn.addEventSource(
      this.streamSource(
        this.deadLetterQueue,
        {
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: {
            Keys: { pk: { S: lambda.FilterRule.beginsWith(SESSION_KEY_PREFIX) } },
            // Email sessions carry no channel (older ones neither) or EMAIL; SMS sessions go to the SMS function.
            NewImage: { [CHANNEL_ATTRIBUTE]: { S: [{ exists: false }, EMAIL_CHANNEL] } },
          },
        },
        // A record older than the code's lifetime is dropped (to the dead-letter queue, and so the alarm) instead of
        // emailing a code that can no longer be used. Lambda refuses ages under 60 s; codeTtl is validated to be at
        // least that, and the clamp keeps the mapping valid should that floor ever be lowered.
        Duration.seconds(Math.max(MIN_MAX_RECORD_AGE_SECONDS, settings.codeTtlSeconds)),
      ),
    );
    return fn;
  }

  /**
   * The SMS function: fed INSERTs of `SESSION#` items with `channel: SMS`, it draws each code, has KMS MAC it, stores
   * the MAC and texts the code through SNS Publish to the session's number. Its role may GenerateMac with the current
   * key, UpdateItem the SMS function's attributes of session items, and Publish to phone numbers only.
   */
  private createSmsFunction(settings: ResolvedOtpServiceProps): lambda.Function {
    const fn = new lambda.Function(this, 'SendOtpSmsFunction', {
      code: lambda.Code.fromAsset(functionDir('send-otp-sms')),
      handler: FUNCTION_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        [BRAND_VARIABLE]: brandVariable(settings.brand),
        OTP_CODE_LENGTH: String(settings.codeLength),
        TABLE_NAME: this.table.tableName,
        [CODE_MAC_KEY_VARIABLE]: this.codeMacKey.keyArn,
        ...(settings.smsSenderId ? { SMS_SENDER_ID: settings.smsSenderId } : {}),
        ...(settings.smsOriginationNumber ? { SMS_ORIGINATION_NUMBER: settings.smsOriginationNumber } : {}),
        POWERTOOLS_SERVICE_NAME: 'otp-sms',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'SendOtpSmsLogGroup', { retention: LOG_RETENTION }),
    });
    grantKeyActions(fn, this.codeMacKey, ['kms:GenerateMac']);
    fn.addToRolePolicy(smsSessionUpdateStatement(this.table.tableArn, SESSION_KEY_PREFIX));
    fn.addToRolePolicy(publishToPhoneNumbersStatement(Stack.of(this).partition));
    fn.addEventSource(
      this.streamSource(
        this.smsDeadLetterQueue,
        {
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: {
            Keys: { pk: { S: lambda.FilterRule.beginsWith(SESSION_KEY_PREFIX) } },
            NewImage: { [CHANNEL_ATTRIBUTE]: { S: lambda.FilterRule.isEqual(SMS_CHANNEL) } },
          },
        },
        Duration.seconds(Math.max(MIN_MAX_RECORD_AGE_SECONDS, settings.codeTtlSeconds)),
      ),
    );
    return fn;
  }

  /**
   * The publisher of verification events: fed MODIFYs of `SESSION#` items that turn VERIFIED (new image VERIFIED,
   * old image PENDING), it sends the IAM-signed `publishOtpVerified` mutation for each. IAM allows it that one field
   * and nothing else (no table access: everything it publishes is in the stream record).
   */
  private createVerificationEventFunction(): lambda.Function {
    const fn = new lambda.Function(this, 'PublishVerificationEventFunction', {
      code: lambda.Code.fromAsset(functionDir('publish-verification-event')),
      handler: FUNCTION_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(15),
      environment: {
        GRAPHQL_URL: this.api.graphqlUrl,
        POWERTOOLS_SERVICE_NAME: 'otp-verification-events',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'PublishVerificationEventLogGroup', { retention: LOG_RETENTION }),
    });
    // arn:<partition>:appsync:<region>:<account>:apis/<apiId>/types/Mutation/fields/publishOtpVerified
    this.api.grantMutation(fn, PUBLISH_FIELD);
    fn.addEventSource(
      this.streamSource(this.verificationEventDeadLetterQueue, {
        eventName: lambda.FilterRule.isEqual('MODIFY'),
        dynamodb: {
          Keys: { pk: { S: lambda.FilterRule.beginsWith(SESSION_KEY_PREFIX) } },
          // Sign-in sessions (the Cognito factor's, marked with a purpose) are the sign-in's business, not an event's.
          NewImage: { status: { S: lambda.FilterRule.isEqual('VERIFIED') }, [PURPOSE_ATTRIBUTE]: { S: [{ exists: false }] } },
          OldImage: { status: { S: lambda.FilterRule.isEqual('PENDING') } },
        },
      }),
    );
    return fn;
  }

  /**
   * The table's stream as a Lambda source, the same way for every consumer: batches of 10, failed records retried 5
   * times with the batch halved each time (so one bad record cannot hold back the others), partial batch failures
   * reported by the function, and what still fails sent to `deadLetterQueue`. `filter` selects the records (not
   * billed when filtered out); records older than `maxRecordAge`, when given, are sent to `deadLetterQueue` unprocessed.
   */
  private streamSource(deadLetterQueue: sqs.IQueue, filter: Record<string, unknown>, maxRecordAge?: Duration): DynamoEventSource {
    return new DynamoEventSource(this.table, {
      maxRecordAge,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      bisectBatchOnError: true,
      retryAttempts: 5,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetterQueue),
      filters: [lambda.FilterCriteria.filter(filter)],
    });
  }

  /**
   * ARNs of the SES identities (address and domain) the sender may be verified as
   * (`arn:aws:ses:<region>:<account>:identity/<address or domain>`, per the SES sending-authorization docs).
   * Unconfirmed: an account still in the SES sandbox reportedly also checks the recipient's identity ARN, so
   * sandbox test sends to verified recipients may need that ARN granted too; production access does not.
   */
  private senderIdentityArns(senderEmail: string): string[] {
    const names = Token.isUnresolved(senderEmail)
      ? [senderEmail, Fn.select(1, Fn.split('@', senderEmail))]
      : sesIdentityNames(senderEmail);
    const stack = Stack.of(this);
    return names.map((name) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name }));
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** AppSync function names and construct ids allow `[_A-Za-z][_0-9A-Za-z]*`; `1-loadSession` → `_1_loadSession`. */
function identifierOf(name: string): string {
  const cleaned = name.replace(/[^_0-9A-Za-z]/g, '_');
  return /^[_A-Za-z]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
