import { Duration, Names, Stack, type RemovalPolicy } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FEEDBACK_FUNCTION_ATTRIBUTES, SUPPRESSED_KEY_PREFIX } from '../model/index.ts';
import { createDeadLetterAlarm } from './dead-letter-alarm.ts';
import { FUNCTION_HANDLER, functionDir } from './package-assets.ts';
import { createServiceKey } from './service-key.ts';

/** The SES events the configuration set publishes to the feedback topic. */
export const FEEDBACK_EVENTS: readonly ses.EmailSendingEvent[] = [
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.DELIVERY,
];

/**
 * The reputation alarms' thresholds: well below the rates at which SES puts an account under review (5 % bounces,
 * 0.1 % complaints), so there is time to act before SES pauses sending.
 */
export const BOUNCE_RATE_ALARM_THRESHOLD = 0.02;
export const COMPLAINT_RATE_ALARM_THRESHOLD = 0.0005;

/** What {@link SesFeedback} needs. */
export interface SesFeedbackProps {
  readonly table: dynamodb.ITable;
  /** How long a hard bounce suppresses a mailbox, in seconds (complaints: until the item is deleted). */
  readonly suppressionPeriodSeconds: number;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: sns.ITopic;
}

/**
 * Deliverability: the SES configuration set every OTP email is sent with (reputation metrics on), its SNS event
 * destination for bounces, complaints, rejects and deliveries, and the function subscribed to that topic
 * (functions/handle-ses-feedback) that records hard bounces and complaints as `SUPPRESSED#<mailbox>` items.
 *
 * - The topic is encrypted with a customer managed KMS key: SES (an AWS service publishing to the topic) needs
 *   `kms:GenerateDataKey*` and `kms:Decrypt` on the topic's key, which only a customer managed key's policy can grant;
 *   the AWS managed `alias/aws/sns` key's policy cannot be changed, so SES could not publish to such a topic.
 * - The function's role may `UpdateItem` suppression items only (`dynamodb:LeadingKeys` `SUPPRESSED#*`, attributes
 *   FEEDBACK_FUNCTION_ATTRIBUTES); SNS invokes it asynchronously, so failed events are retried twice by Lambda and
 *   then sent to {@link deadLetterQueue}, which alarms.
 */
export class SesFeedback extends Construct {
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly topic: sns.Topic;
  public readonly topicKey: kms.Key;
  public readonly function: lambda.Function;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The account's SES bounce rate (`AWS/SES` `Reputation.BounceRate`) reached {@link BOUNCE_RATE_ALARM_THRESHOLD}. */
  public readonly bounceRateAlarm: cloudwatch.Alarm;
  /** The account's SES complaint rate (`Reputation.ComplaintRate`) reached {@link COMPLAINT_RATE_ALARM_THRESHOLD}. */
  public readonly complaintRateAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SesFeedbackProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });

    this.topicKey = createServiceKey(this, 'TopicKey', {
      keySpec: kms.KeySpec.SYMMETRIC_DEFAULT,
      keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
      description: 'SES event notifications (bounces, complaints) on the OTP feedback topic',
      alias: `alias/${Names.uniqueId(this)}/ses-feedback`,
      removalPolicy: props.removalPolicy,
    });
    (this.topicKey.node.defaultChild as kms.CfnKey).enableKeyRotation = true;
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesEvents',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: this.topicKey, enforceSSL: true });

    this.configurationSet.addEventDestination('Sns', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [...FEEDBACK_EVENTS],
      enabled: true,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(functionDir('handle-ses-feedback')),
      handler: FUNCTION_HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: props.table.tableName,
        SUPPRESSION_PERIOD_SECONDS: String(props.suppressionPeriodSeconds),
        POWERTOOLS_SERVICE_NAME: 'otp-ses-feedback',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      logGroup: new logs.LogGroup(this, 'LogGroup', { retention: props.logRetention }),
    });
    this.function.addToRolePolicy(suppressionWriteStatement(props.table.tableArn));
    this.topic.addSubscription(new LambdaSubscription(this.function, { deadLetterQueue: this.deadLetterQueue }));

    this.deadLetterAlarm = createDeadLetterAlarm(
      this,
      'DeadLetterAlarm',
      this.deadLetterQueue,
      'SES bounce or complaint events could not be recorded: the feedback dead-letter queue holds events, and their mailboxes are not suppressed',
      props.alarmTopic,
    );
    this.bounceRateAlarm = reputationAlarm(this, 'BounceRateAlarm', 'Reputation.BounceRate', BOUNCE_RATE_ALARM_THRESHOLD,
      'SES bounce rate reached 2 % (SES reviews accounts at 5 %): check for a flood of invented addresses or a broken sign-up form', props.alarmTopic);
    this.complaintRateAlarm = reputationAlarm(this, 'ComplaintRateAlarm', 'Reputation.ComplaintRate', COMPLAINT_RATE_ALARM_THRESHOLD,
      'SES complaint rate reached 0.05 % (SES reviews accounts at 0.1 %): people report the codes as spam, e.g. codes requested for their address by someone else', props.alarmTopic);
  }

  /** The configuration set's ARN (`arn:<partition>:ses:<region>:<account>:configuration-set/<name>`). */
  public configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }
}

/** An alarm on one of SES's account-level reputation metrics (published hourly-ish; the maximum over an hour). */
function reputationAlarm(scope: Construct, id: string, metricName: string, threshold: number, description: string, topic?: sns.ITopic): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.hours(1) }),
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  if (topic) alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

/**
 * The feedback function's one table permission: UpdateItem on `SUPPRESSED#` items, naming only the suppression
 * item's attributes, returning nothing outside them (see email-function-policy.ts for how each condition works).
 */
export function suppressionWriteStatement(tableArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['dynamodb:UpdateItem'],
    resources: [tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SUPPRESSED_KEY_PREFIX}*`] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...FEEDBACK_FUNCTION_ATTRIBUTES] },
      StringEquals: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
    },
  });
}

/**
 * The email function's read of suppression items: GetItem on `SUPPRESSED#` keys, projecting the key and `expiresAt`
 * only (`dynamodb:Attributes`: a GetItem without a ProjectionExpression asks for every attribute and is denied).
 */
export function suppressionReadStatement(tableArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['dynamodb:GetItem'],
    resources: [tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SUPPRESSED_KEY_PREFIX}*`] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'expiresAt'] },
    },
  });
}
