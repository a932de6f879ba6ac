import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

/** Every statement of the IAM policies attached to the role of the function whose logical id starts with `prefix`. */
function statementsOf(template: Template, prefix: string): Statement[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const id = Object.keys(functions).find((logicalId) => logicalId.startsWith(prefix));
  const role = (functions[id!]!.Properties as { Role: { 'Fn::GetAtt': [string, string] } }).Role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    JSON.stringify(policy.Properties.Roles).includes(role),
  );
  return policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('OtpService deliverability', () => {
  let template: Template;
  let otp: OtpService;

  beforeAll(() => {
    const stack = new Stack(testApp(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    otp = new OtpService(stack, 'Otp', {
      senderEmail: 'no-reply@example.com',
      alarmTopic: new Topic(stack, 'Alarms'),
      suppressionPeriod: Duration.days(30),
    });
    template = Template.fromStack(stack);
  }, SYNTH_TIMEOUT_MS);

  it('has one configuration set with reputation metrics, sending enabled', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });

  it('publishes bounce, complaint, reject and delivery events to an encrypted SNS topic', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.stringLikeRegexp('SesFeedbackConfigurationSet') },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'reject', 'delivery'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('SesFeedbackTopic') } },
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackTopicKey'), 'Arn'] },
    });
    // SES may use the topic's key (only the account's own SES, by aws:SourceAccount).
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
  });

  it('subscribes the feedback function to the topic, with a dead-letter queue that alarms', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: Match.stringLikeRegexp('SesFeedbackTopic') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackFunction'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SUPPRESSION_PERIOD_SECONDS: String(30 * 86400) }) },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('SesFeedbackDeadLetterQueue'), 'QueueName'] } }],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
  });

  it('alarms on the account bounce rate at 2 % and complaint rate at 0.05 %, to the alarm topic', () => {
    for (const [MetricName, Threshold] of [['Reputation.BounceRate', 0.02], ['Reputation.ComplaintRate', 0.0005]] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName,
        Threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
      });
    }
  });

  it('lets the feedback function UpdateItem suppression items and nothing else', () => {
    const statements = statementsOf(template, 'OtpSesFeedbackFunction');
    expect(statements).toEqual([
      // Lambda's asynchronous invocation sends failed events to the dead-letter queue with the function's role.
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/SesFeedbackDeadLetterQueue/), 'Arn'] } },
      {
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OtpTable/), 'Arn'] },
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUPPRESSED#*'] },
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': ['pk', 'reason', 'detail', 'firstSeenAt', 'lastSeenAt', 'count', 'expiresAt'],
          },
          StringEquals: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
        },
      },
    ]);
  });

  it('gives the email function GetItem on suppression keys only, and sends through the configuration set', () => {
    const statements = statementsOf(template, 'OtpSendOtpEmailFunction');
    const reads = statements.filter((statement) => statement.Action === 'dynamodb:GetItem');
    expect(reads).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OtpTable/), 'Arn'] },
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUPPRESSED#*'] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'expiresAt'] },
        },
      },
    ]);
    const send = statements.find((statement) => statement.Action === 'ses:SendEmail');
    expect(send?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
    const resources = JSON.stringify(send?.Resource);
    expect(resources).toContain(':ses:eu-west-1:123456789012:identity/no-reply@example.com');
    expect(resources).toContain(':ses:eu-west-1:123456789012:identity/example.com');
    expect(resources).toContain(':ses:eu-west-1:123456789012:configuration-set/');
    expect(resources).toMatch(/SesFeedbackConfigurationSet/);
    expect(statements.flatMap((statement) => [statement.Action].flat())).not.toContain('dynamodb:PutItem');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SES_CONFIGURATION_SET: { Ref: Match.stringLikeRegexp('SesFeedbackConfigurationSet') } }) },
    });
    expect(otp.sesFeedback.function).toBeDefined();
  });

  it('refuses a suppression period under a day or over a year', () => {
    for (const suppressionPeriod of [Duration.hours(23), Duration.days(366)]) {
      expect(() => new OtpService(new Stack(testApp(), 'Bad'), 'Otp', { senderEmail: 'no-reply@example.com', suppressionPeriod })).toThrow(
        /suppressionPeriod \(seconds\) must be an integer from 86400 to 31536000/,
      );
    }
  });
});
