import { Duration, RemovalPolicy } from 'aws-cdk-lib/core';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  BUDGET_KEY_PREFIX,
  COOLDOWN_KEY_PREFIX,
  MAILBOX_KEY_PREFIX,
  RATE_KEY_PREFIX,
  SESSION_KEY_PREFIX,
  SIGN_IN_FLOW_VARIABLE,
  type SignInFlow,
} from '../model/index.ts';
import { apiEnvironment } from './api-environment.ts';
import { grantKeyActions } from './kms-key-grant.ts';
import type { ResolvedOtpServiceProps } from './otp-service-props.ts';
import { smsEnvironment } from './sms-destinations.ts';
import { FUNCTION_HANDLER, functionDir, type FunctionName } from './package-assets.ts';

/** Props of {@link SignInFactor}. */
export interface SignInFactorProps {
  /** The service's table: sessions, send limits, budgets and mailbox guards. */
  readonly table: dynamodb.ITable;
  /** Every key a pending code's MAC may have been made with (the current one first): Verify may VerifyMac with these only. */
  readonly codeMacKeys: readonly kms.IKey[];
  /**
   * The policy as the API's resolvers read it (api-environment.ts): the triggers read the same variables with the
   * same readers (resolvers/lib), so one setting means the same thing on both paths.
   */
  readonly policyEnvironment: Readonly<Record<string, string>>;
  readonly flow: SignInFlow;
  /** A pool of the app's own; the triggers are added to it. @default - a new pool */
  readonly userPool?: cognito.UserPool;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The OTP as an Amazon Cognito custom-auth factor: DefineAuthChallenge, CreateAuthChallenge and
 * VerifyAuthChallengeResponse functions on the service's table and code MAC keys, a user pool (given or created) with
 * them as its triggers, and an app client that can only sign in through them.
 *
 * No cycle with the API: the pool refers to the functions, the functions to the table and keys only (never to the
 * API, which may refer to the pool as an auth mode). For the same reason the allowed flow is one environment value
 * for the whole pool: a per-client setting would have to reach the functions, and the client refers to the pool,
 * which refers to the functions (pool → function → client → pool).
 */
export class SignInFactor extends Construct {
  public readonly userPool: cognito.UserPool;
  /** Custom auth and refresh only: SRP or password sign-ins would skip the code. No secret (a browser holds it). */
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly defineChallengeFunction: lambda.Function;
  public readonly createChallengeFunction: lambda.Function;
  public readonly verifyChallengeFunction: lambda.Function;
  /** The flow the triggers allow (the prop), for front ends to offer only the sign-in pages that can work. */
  public readonly flow: SignInFlow;

  constructor(scope: Construct, id: string, props: SignInFactorProps) {
    super(scope, id);
    this.flow = props.flow;
    const tableArn = props.table.tableArn;
    const environment = { ...props.policyEnvironment, [SIGN_IN_FLOW_VARIABLE]: props.flow };

    this.defineChallengeFunction = this.trigger('DefineAuthChallenge', 'cognito-define-auth-challenge', environment, props.logRetention);
    // Define reads the sign-in's session and its mailbox's guard, to end the flow once either is closed.
    this.defineChallengeFunction.addToRolePolicy(tableStatement(['dynamodb:GetItem'], tableArn, [SESSION_KEY_PREFIX, MAILBOX_KEY_PREFIX]));

    this.createChallengeFunction = this.trigger('CreateAuthChallenge', 'cognito-create-auth-challenge', environment, props.logRetention);
    // generateOtp's send transaction: put the session, count the send window, cooldown and budgets, check the guard;
    // and read the previous challenge's session to reuse it.
    this.createChallengeFunction.addToRolePolicy(tableStatement(['dynamodb:GetItem', 'dynamodb:PutItem'], tableArn, [SESSION_KEY_PREFIX]));
    this.createChallengeFunction.addToRolePolicy(
      tableStatement(['dynamodb:UpdateItem'], tableArn, [RATE_KEY_PREFIX, COOLDOWN_KEY_PREFIX, BUDGET_KEY_PREFIX]),
    );
    this.createChallengeFunction.addToRolePolicy(tableStatement(['dynamodb:ConditionCheckItem'], tableArn, [MAILBOX_KEY_PREFIX]));

    this.verifyChallengeFunction = this.trigger('VerifyAuthChallenge', 'cognito-verify-auth-challenge', environment, props.logRetention);
    // verifyOtp's writes: count the attempt and verify (session), count failures and lock (guard), check the guard.
    this.verifyChallengeFunction.addToRolePolicy(tableStatement(['dynamodb:UpdateItem'], tableArn, [SESSION_KEY_PREFIX, MAILBOX_KEY_PREFIX]));
    this.verifyChallengeFunction.addToRolePolicy(tableStatement(['dynamodb:ConditionCheckItem'], tableArn, [MAILBOX_KEY_PREFIX]));
    for (const key of props.codeMacKeys) grantKeyActions(this.verifyChallengeFunction, key, ['kms:VerifyMac']);

    this.userPool = props.userPool ?? this.createUserPool(props.removalPolicy);
    this.userPool.addTrigger(cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE, this.defineChallengeFunction);
    this.userPool.addTrigger(cognito.UserPoolOperation.CREATE_AUTH_CHALLENGE, this.createChallengeFunction);
    this.userPool.addTrigger(cognito.UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE, this.verifyChallengeFunction);

    this.userPoolClient = this.userPool.addClient('SignInClient', {
      authFlows: { custom: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      disableOAuth: true,
      enableTokenRevocation: true,
    });
  }

  /**
   * Email is the sign-in name (and verified by the OTP itself on every sign-in). No self sign-up: an open pool lets
   * anyone create accounts for any address; the app's backend adds users (AdminCreateUser), or an adopter passes a
   * pool of their own with the sign-up rules they need.
   */
  private createUserPool(removalPolicy: RemovalPolicy): cognito.UserPool {
    return new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      selfSignUpEnabled: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // The OTP is the second factor (flow 'mfa'); Cognito's own MFA would ask for a second code.
      mfa: cognito.Mfa.OFF,
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      removalPolicy,
    });
  }

  private trigger(id: string, name: FunctionName, environment: Record<string, string>, logRetention: logs.RetentionDays): lambda.Function {
    return new lambda.Function(this, `${id}Function`, {
      code: lambda.Code.fromAsset(functionDir(name)),
      handler: FUNCTION_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Cognito waits 5 s for a trigger.
      timeout: Duration.seconds(5),
      environment: {
        ...environment,
        POWERTOOLS_SERVICE_NAME: `otp-${name}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, `${id}LogGroup`, { retention: logRetention }),
    });
  }
}

/**
 * The policy variables the triggers read: the API's own (so resolvers/lib's readers find the same values), without
 * the SMS countries' number patterns, which sign-in (email only) never reads and which would eat into Lambda's 4 KB
 * environment.
 */
export function signInPolicyEnvironment(
  settings: ResolvedOtpServiceProps,
  resources: { tableName: string; defaultAudience: string },
): Record<string, string> {
  const smsRules = new Set(Object.keys(smsEnvironment(settings.smsCountries)));
  return Object.fromEntries(Object.entries(apiEnvironment(settings, resources)).filter(([name]) => !smsRules.has(name)));
}

/** `actions` on the table's items whose key starts with one of `prefixes` (dynamodb:LeadingKeys), nothing else. */
function tableStatement(actions: string[], tableArn: string, prefixes: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions,
    resources: [tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } },
  });
}
